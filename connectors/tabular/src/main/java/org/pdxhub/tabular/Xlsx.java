package org.pdxhub.tabular;

import org.apache.commons.io.input.ProxyInputStream;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * XLSX sheets as records, streamed: POI's event API (SAX over each sheet's XML) on a package opened
 * from a file, so parts are read from the zip as they are needed, and the shared strings kept in
 * encrypted temporary files ({@link SpilledSharedStrings}) rather than on the heap. Memory stays near
 * one row plus the styles, whatever the number of rows; XSSFWorkbook (the DOM) would hold the whole
 * sheet. Formulas give their cached result; an empty cell is null; the first filled row names the
 * fields ({@link Header}); values follow the one rule of {@link CellValues}.
 * <p>
 * A hostile workbook is stopped before it costs memory or disk: a part that declares more than
 * max-uncompressed-bytes is refused before it is inflated, the inflated bytes of the sheets read and
 * the shared strings are counted against the same limit, POI's ratio check refuses a part that
 * inflates more than workbooks do, and rows, cells and values have their limits ({@link TabularLimits}).
 */
public final class Xlsx {

    private Xlsx() {
    }

    /** Receives the rows of the sheets read. */
    public interface SheetRows {
        /** A sheet begins; its rows follow. */
        default void sheet(String name) {
        }

        void row(String sheet, Row row);
    }

    /**
     * One sheet.
     *
     * @param sheetName the sheet to read; the first one when null
     * @return the header's field names
     * @throws TabularRefused when the file is not a readable workbook, has no such sheet or the sheet no filled row
     */
    public static List<String> readSheet(Path file, String sheetName, Header header, TabularLimits limits, Consumer<Row> out) throws IOException {
        List<List<String>> fields = new ArrayList<>();
        List<String> names = read(file, name -> sheetName == null ? fields.isEmpty() : sheetName.equals(name), true, header, limits,
                new SheetRows() {
                    @Override
                    public void row(String sheet, Row row) {
                        out.accept(row);
                    }
                }, fields::add);
        if (fields.isEmpty()) {
            throw new TabularRefused(TabularRefused.Reason.UNREADABLE, 0, names.isEmpty() ? "the workbook has no sheet"
                    : "the workbook has no sheet named '" + sheetName + "'; its sheets: " + names);
        }
        if (fields.get(0) == null) {
            String name = sheetName == null ? names.get(0) : sheetName;
            throw new TabularRefused(TabularRefused.Reason.HEADER, 0, "sheet '" + name + "' is empty: its first filled row must name the fields");
        }
        return fields.get(0);
    }

    /** Every sheet, in the workbook's order; a sheet without a filled row gives no rows. */
    public static void readAll(Path file, Header header, TabularLimits limits, SheetRows out) throws IOException {
        read(file, name -> true, false, header, limits, out, fields -> {
        });
    }

    /** @return the names of the workbook's sheets, as far as they were looked at */
    private static List<String> read(Path file, Predicate<String> wanted, boolean one, Header header,
                                     TabularLimits limits, SheetRows out, Consumer<List<String>> headers) throws IOException {
        refuseEncrypted(file);
        refuseDeclaredSizes(file, limits);
        Counter counter = new Counter(limits.maxUncompressedBytes());
        List<String> names = new ArrayList<>();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
             SpilledSharedStrings strings = SpilledSharedStrings.of(pkg, counter::counted)) {
            XSSFReader reader = new XSSFReader(pkg);
            StylesTable styles = reader.getStylesTable();
            boolean date1904 = date1904(reader);
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    String name = sheets.getSheetName();
                    names.add(name);
                    if (!wanted.test(name)) {
                        continue;
                    }
                    out.sheet(name);
                    Table table = new Table(header, limits, row -> out.row(name, row));
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new SheetHandler(strings, new CellValues(styles == null ? new StylesTable() : styles, date1904), table));
                    xml.parse(new InputSource(counter.counted(sheet)));
                    headers.accept(table.fieldsOrNull());
                    if (one) {
                        return names;
                    }
                }
            }
            return names;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            throw unwrapped(e);
        } catch (OpenXML4JException | OpenXML4JRuntimeException | POIXMLException | IllegalArgumentException e) {
            throw unwrapped(e);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Zip bomb detected")) {
                throw new TabularRefused(TabularRefused.Reason.COMPRESSION_RATIO, 0, "a part of the workbook expands far more than "
                        + "workbooks do (POI's zip-bomb check): send it as CSV or in several parts");
            }
            throw e;
        }
    }

    /** What a parser wrapped: our refusal or the caller's own exception as it was thrown, else the workbook is unreadable. */
    private static RuntimeException unwrapped(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TabularRefused refused) {
                return refused;
            }
            if (t instanceof IOException io && String.valueOf(io.getMessage()).contains("Zip bomb detected")) {
                return new TabularRefused(TabularRefused.Reason.COMPRESSION_RATIO, 0, "a part of the workbook expands far more than "
                        + "workbooks do (POI's zip-bomb check): send it as CSV or in several parts");
            }
        }
        if (e instanceof SAXException && e.getCause() instanceof RuntimeException r) {
            return r;
        }
        return new TabularRefused(TabularRefused.Reason.UNREADABLE, 0, "not a readable XLSX "
                + (e instanceof SAXException ? "sheet: " : "workbook: ") + e.getMessage());
    }

    /** A password-protected workbook is an OLE2 file holding the encrypted package, not a zip. */
    private static void refuseEncrypted(Path file) throws IOException {
        try (InputStream in = FileMagic.prepareToCheckMagic(Files.newInputStream(file))) {
            if (FileMagic.valueOf(in) != FileMagic.OLE2) {
                return;
            }
        }
        boolean encrypted;
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            encrypted = fs.getRoot().hasEntry("EncryptionInfo");
        } catch (IOException | RuntimeException e) {
            encrypted = false;
        }
        if (encrypted) {
            throw new TabularRefused(TabularRefused.Reason.ENCRYPTED, 0, "the workbook is protected by a password: send it without the password");
        }
        throw new TabularRefused(TabularRefused.Reason.UNREADABLE, 0, "not a readable XLSX workbook: it is an Excel 97-2003 (.xls) "
                + "or other OLE2 file; save it as .xlsx or CSV");
    }

    /** Sizes as the zip's directory declares them, checked before anything is inflated. */
    private static void refuseDeclaredSizes(Path file, TabularLimits limits) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getSize() > limits.maxUncompressedBytes()) {
                    throw new TabularRefused(TabularRefused.Reason.MAX_UNCOMPRESSED_BYTES, 0, "a part of the workbook ("
                            + entry.getName() + ") declares " + entry.getSize() + " bytes; max-uncompressed-bytes is "
                            + limits.maxUncompressedBytes() + ": send it as CSV or in several parts");
                }
            }
        } catch (IOException e) {
            // Not a zip the JDK reads; POI's own reading says what is wrong with it.
        }
    }

    /** Whether dates count from 1904 (old Mac Excel): a flag in workbook.xml, which is small. */
    private static boolean date1904(XSSFReader reader) throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        boolean[] flag = {false};
        try (InputStream workbook = reader.getWorkbookData()) {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String value = attributes.getValue("date1904");
                        flag[0] = "1".equals(value) || "true".equals(value);
                    }
                }
            });
            xml.parse(new InputSource(workbook));
        }
        return flag[0];
    }

    /** Inflated bytes of the parts read, against max-uncompressed-bytes. */
    private static final class Counter {
        private final long max;
        private long total;

        Counter(long max) {
            this.max = max;
        }

        InputStream counted(InputStream in) {
            return new ProxyInputStream(in) {
                @Override
                protected void afterRead(int n) {
                    if (n > 0) {
                        add(n);
                    }
                }
            };
        }

        private void add(int n) {
            total += n;
            if (total > max) {
                throw new TabularRefused(TabularRefused.Reason.MAX_UNCOMPRESSED_BYTES, 0, "the workbook expands to more than " + max
                        + " bytes (max-uncompressed-bytes): send it as CSV or in several parts");
            }
        }
    }
}
