package org.pdxhub.plugins.documents;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Documents made in the test, in the formats departments send. */
final class TestDocuments {

    static byte[] text(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    /** A PDF with the lines spread over {@code pages} pages, in Helvetica (no CJK glyphs on these machines). */
    static byte[] pdf(List<String> lines, int pages, String author) {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.newLineAtOffset(50, 740);
                    content.showText("Page " + (p + 1) + " of " + pages);
                    for (int i = p; i < lines.size(); i += pages) {
                        content.newLineAtOffset(0, -16);
                        content.showText(lines.get(i));
                    }
                    content.endText();
                }
            }
            if (author != null) {
                doc.getDocumentInformation().setAuthor(author);
            }
            doc.getDocumentInformation().setTitle("Application form");
            return save(doc, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF that opens only with its user password. */
    static byte[] encryptedPdf(List<String> lines) {
        try (PDDocument doc = Loader.loadPDF(pdf(lines, 1, null))) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            return save(doc, policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] save(PDDocument doc, StandardProtectionPolicy policy) throws IOException {
        if (policy != null) {
            doc.protect(policy);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    /** A Word document: the first half of the lines as paragraphs, the rest as a two-column table. */
    static byte[] docx(List<String> lines, String author) {
        try (XWPFDocument doc = new XWPFDocument()) {
            int half = lines.size() / 2;
            for (String line : lines.subList(0, half)) {
                doc.createParagraph().createRun().setText(line);
            }
            List<String> rest = lines.subList(half, lines.size());
            XWPFTable table = doc.createTable(rest.size(), 2);
            for (int i = 0; i < rest.size(); i++) {
                String[] labelAndValue = split(rest.get(i));
                table.getRow(i).getCell(0).setText(labelAndValue[0]);
                table.getRow(i).getCell(1).setText(labelAndValue[1]);
            }
            doc.getProperties().getCoreProperties().setCreator(author);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An agile-encrypted Word document, as Word writes one with "Encrypt with password". */
    static byte[] encryptedDocx(List<String> lines) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream out = encryptor.getDataStream(fs)) {
                out.write(docx(lines, "someone"));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            fs.writeFilesystem(bytes);
            return bytes.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form as a sheet: label cells (with their colon) in column A, values in column B. */
    static byte[] xlsxForm(List<String> lines) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("申请表");
            for (int i = 0; i < lines.size(); i++) {
                String[] labelAndValue = split(lines.get(i));
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue(labelAndValue[0]);
                row.createCell(1).setCellValue(labelAndValue[1]);
            }
            return write(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(Workbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }

    /** "姓名：张三" as {"姓名：", "张三"}; a line without a colon is all label. */
    private static String[] split(String line) {
        int colon = Math.max(line.indexOf('：'), line.indexOf(": ") + 1);
        if (colon <= 0) {
            return new String[]{line, ""};
        }
        return new String[]{line.substring(0, colon + 1), line.substring(colon + 1).strip()};
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A text file inside {@code depth} zips, each inside the next. */
    static byte[] nestedZip(int depth, byte[] innermost) {
        byte[] doc = zip(Map.of("form.txt", innermost));
        for (int level = 2; level <= depth; level++) {
            doc = zip(Map.of("level-" + level + ".zip", doc));
        }
        return doc;
    }

    /** One entry of {@code megabytes} zeros: about a thousandth of that compressed. */
    static byte[] zipBomb(int megabytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("data.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> entries(Object... namesAndContents) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            map.put((String) namesAndContents[i], (byte[]) namesAndContents[i + 1]);
        }
        return map;
    }

    private TestDocuments() {
    }
}
