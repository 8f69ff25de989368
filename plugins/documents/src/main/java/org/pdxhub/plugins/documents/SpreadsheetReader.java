package org.pdxhub.plugins.documents;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MediaType;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads XLSX, XLS and CSV as records ({@link Spreadsheet}), under the same limits as the scanner:
 * input size, time, decompressed size, and a number of cells; encrypted workbooks are refused.
 * XLSX sheets are streamed (SAX over the sheet XML, the package read from a temporary file, not
 * held in memory); XLS, at most 65,536 rows by its format, is read whole; CSV is decoded as UTF-8
 * when it is valid UTF-8, else as GB18030 (what Excel writes on Chinese Windows).
 * <p>
 * Refusals carry no report (its {@link DocumentRefused#report()} is null): the reader finds no
 * personal data, the hub's field masking does that on the records.
 */
@Singleton
public final class SpreadsheetReader implements AutoCloseable {

    static final MediaType XLSX = MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType XLSM = MediaType.application("vnd.ms-excel.sheet.macroenabled.12");
    static final MediaType XLS = MediaType.application("vnd.ms-excel");
    static final MediaType OOXML_ENCRYPTED = MediaType.application("x-tika-ooxml-protected");
    private static final char[] DELIMITERS = {',', '\t', ';', '|'};

    private final MediaTyping typing = new MediaTyping(TikaConfig.getDefaultConfig().getDetector());
    private final BoundedRunner runner;

    public SpreadsheetReader() {
        this(DocumentScanner.DEFAULT_PARALLEL_SCANS);
    }

    public SpreadsheetReader(int parallelReads) {
        this.runner = new BoundedRunner("pdx-spreadsheet-read", parallelReads, parallelReads * 4);
    }

    /**
     * @param declaredName the file name as sent; not trusted, the type comes from the content
     * @throws DocumentRefused when a limit is reached, the workbook is encrypted or unreadable, or the
     *                         content is not a spreadsheet
     */
    public Spreadsheet read(byte[] content, String declaredName, ScanLimits limits) throws DocumentRefused {
        Objects.requireNonNull(content, "content");
        if (content.length > limits.maxInputBytes()) {
            throw new DocumentRefused(RefusalReason.MAX_INPUT_BYTES, "the spreadsheet has " + content.length
                    + " bytes; max-input-bytes is " + limits.maxInputBytes() + ": send it in several parts", null);
        }
        ParseGuard guard = new ParseGuard(limits);
        try {
            return runner.run(() -> readTyped(content, guard), limits.parseTimeout(), guard);
        } catch (BoundedRunner.Failed f) {
            if (f.refusal == null) {
                throw new IllegalStateException(f.getCause() instanceof InterruptedException ? "the read was interrupted"
                        : "the read failed unexpectedly", f.getCause());
            }
            throw new DocumentRefused(f.refusal.reason(), f.refusal.detail(), null);
        }
    }

    private Spreadsheet readTyped(byte[] content, ParseGuard guard) throws Exception {
        MediaType type = typing.ofContent(content);
        try {
            Map<String, List<Map<String, Object>>> sheets;
            if (type.equals(OOXML_ENCRYPTED)) {
                throw new EncryptedDocumentException("encrypted OOXML");
            } else if (typing.isInstanceOf(type, XLSX) || typing.isInstanceOf(type, XLSM)) {
                sheets = xlsx(content, guard);
            } else if (typing.isInstanceOf(type, XLS)) {
                sheets = xls(content, guard);
            } else if (typing.isInstanceOf(type, MediaType.TEXT_PLAIN)) {
                sheets = csv(content, guard);
            } else {
                guard.trip(RefusalReason.UNSUPPORTED_TYPE, "the content is " + type + ", not a spreadsheet: send XLSX, XLS or CSV");
                throw new ParseGuard.Stopped("not a spreadsheet");
            }
            return new Spreadsheet(type.toString(), sheets);
        } catch (EncryptedDocumentException e) {
            guard.trip(RefusalReason.ENCRYPTED, "the workbook is protected by a password: send it without the password");
            throw e;
        } catch (Exception e) {
            if (String.valueOf(e.getMessage()).contains("Zip bomb detected")) {
                guard.trip(RefusalReason.COMPRESSION_RATIO, "a part of the workbook expands far more than workbooks do "
                        + "(POI's zip-bomb check): send it as CSV or in several parts");
            }
            guard.trip(RefusalReason.UNREADABLE, "the " + type + " could not be read as a spreadsheet ("
                    + e.getClass().getSimpleName() + "): is it damaged?");
            throw e;
        }
    }

    /** Streams each sheet's XML; the package is opened from a temporary file so that parts are read on demand. */
    private static Map<String, List<Map<String, Object>>> xlsx(byte[] content, ParseGuard guard) throws Exception {
        Path file = Files.createTempFile("pdx-sheet-", ".xlsx");
        try {
            Files.write(file, content);
            Map<String, List<Map<String, Object>>> sheets = new LinkedHashMap<>();
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
                StylesTable styles = reader.getStylesTable();
                XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
                while (it.hasNext()) {
                    try (InputStream sheet = guard.counted(it.next())) {
                        SheetRecords records = new SheetRecords(guard);
                        XMLReader xml = XMLHelper.newXMLReader();
                        xml.setContentHandler(new XlsxSheetHandler(strings, styles, records));
                        xml.parse(new InputSource(sheet));
                        sheets.put(it.getSheetName(), records.records());
                    }
                }
            }
            return sheets;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, List<Map<String, Object>>> xls(byte[] content, ParseGuard guard) throws Exception {
        Map<String, List<Map<String, Object>>> sheets = new LinkedHashMap<>();
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content));
             HSSFWorkbook workbook = new HSSFWorkbook(fs.getRoot(), true)) {
            for (Sheet sheet : workbook) {
                SheetRecords records = new SheetRecords(guard);
                for (Row row : sheet) {
                    List<Object> cells = new ArrayList<>();
                    for (int i = 0; i < Math.max(0, row.getLastCellNum()); i++) {
                        Cell cell = row.getCell(i);
                        cells.add(cell == null ? null : value(cell));
                    }
                    records.row(cells);
                }
                sheets.put(sheet.getSheetName(), records.records());
            }
        }
        return sheets;
    }

    private static Object value(Cell cell) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> {
                String text = cell.getRichStringCellValue().getString();
                yield text.isEmpty() ? null : text;
            }
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? SheetRecords.date(cell.getNumericCellValue())
                    : SheetRecords.number(NumberToTextConverter.toText(cell.getNumericCellValue()));
            case BOOLEAN -> cell.getBooleanCellValue();
            case ERROR -> ErrorEval.getText(cell.getErrorCellValue());
            default -> null;
        };
    }

    private static Map<String, List<Map<String, Object>>> csv(byte[] content, ParseGuard guard) throws Exception {
        String text = decode(content);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(text)).setIgnoreEmptyLines(true).get();
        SheetRecords records = new SheetRecords(guard);
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                List<Object> cells = new ArrayList<>(record.size());
                for (String value : record) {
                    cells.add(value.isEmpty() ? null : value);
                }
                records.row(cells);
            }
        }
        return Map.of("csv", records.records());
    }

    /** UTF-8 or UTF-16 by their byte-order mark, UTF-8 when the bytes are valid UTF-8, else GB18030. */
    static String decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("GB18030"));
        }
    }

    /** The delimiter found most often in the first line, outside quotes; a comma when none is. */
    static char delimiter(String text) {
        int[] counts = new int[DELIMITERS.length];
        boolean quoted = false;
        for (int i = 0; i < text.length() && text.charAt(i) != '\n'; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            for (int d = 0; d < DELIMITERS.length && !quoted; d++) {
                if (c == DELIMITERS[d]) {
                    counts[d]++;
                }
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }

    @PreDestroy
    @Override
    public void close() {
        runner.close();
    }
}
