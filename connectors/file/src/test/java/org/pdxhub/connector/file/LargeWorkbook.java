package org.pdxhub.connector.file;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A large XLSX written part by part as Excel lays it out (every text cell a shared string, a date
 * style), streamed to disk so that making it needs no more heap than reading it may use.
 * Row i (from 1): citizen_id, person_name, address (all distinct, so the shared strings grow with
 * the rows), birth_date (a date), amount (a number).
 */
final class LargeWorkbook {

    static final String[] HEADER = {"citizen_id", "person_name", "address", "birth_date", "amount"};
    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private LargeWorkbook() {
    }

    static String citizenId(int i) {
        return String.format("5133011985%08d", i);
    }

    static String name(int i) {
        return "姓名" + i;
    }

    static String address(int i) {
        return "四川省甘孜藏族自治州康定市炉城镇第" + i + "号";
    }

    static Path write(Path file, int rows) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file));
             Writer out = new OutputStreamWriter(new Unclosed(zip), StandardCharsets.UTF_8)) {
            part(zip, out, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                    <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                    <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
                    <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                    </Types>""");
            part(zip, out, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
                    </Relationships>""");
            part(zip, out, "xl/workbook.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <workbook xmlns="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                    <sheets><sheet name="人口" sheetId="1" r:id="rId1"/></sheets></workbook>""".formatted(MAIN));
            part(zip, out, "xl/_rels/workbook.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
                    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                    </Relationships>""");
            part(zip, out, "xl/styles.xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <styleSheet xmlns="%s"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>\
                    <borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>\
                    <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>""".formatted(MAIN));

            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            int strings = HEADER.length + 3 * rows;
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"" + MAIN + "\" count=\""
                    + strings + "\" uniqueCount=\"" + strings + "\">");
            for (String heading : HEADER) {
                out.write("<si><t>" + heading + "</t></si>");
            }
            for (int i = 1; i <= rows; i++) {
                out.write("<si><t>" + citizenId(i) + "</t></si><si><t>" + name(i) + "</t></si><si><t>" + address(i) + "</t></si>");
            }
            out.write("</sst>");
            out.flush();
            zip.closeEntry();

            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
            out.write("<row r=\"1\">");
            for (int c = 0; c < HEADER.length; c++) {
                out.write("<c r=\"" + (char) ('A' + c) + "1\" t=\"s\"><v>" + c + "</v></c>");
            }
            out.write("</row>");
            for (int i = 1; i <= rows; i++) {
                int r = i + 1;
                int s = HEADER.length + 3 * (i - 1);
                out.write("<row r=\"" + r + "\"><c r=\"A" + r + "\" t=\"s\"><v>" + s + "</v></c><c r=\"B" + r + "\" t=\"s\"><v>" + (s + 1)
                        + "</v></c><c r=\"C" + r + "\" t=\"s\"><v>" + (s + 2) + "</v></c><c r=\"D" + r + "\" s=\"1\"><v>" + (31048 + i % 10000)
                        + "</v></c><c r=\"E" + r + "\"><v>" + i + ".25</v></c></row>");
            }
            out.write("</sheetData></worksheet>");
            out.flush();
            zip.closeEntry();
        }
        return file;
    }

    private static void part(ZipOutputStream zip, Writer out, String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        out.write(xml);
        out.flush();
        zip.closeEntry();
    }

    /** Lets the writer be flushed per part without closing the zip under it. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
