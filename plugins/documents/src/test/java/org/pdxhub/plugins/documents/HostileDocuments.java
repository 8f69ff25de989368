package org.pdxhub.plugins.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * PDFs built to hurt a parser where no zip counter looks: a page's content stream is deflated,
 * and PDFBox inflates it as it reads. A few hundred kilobytes become hundreds of megabytes.
 */
final class HostileDocuments {

    /** A page whose content is one string literal of {@code megabytes} MB: the parser holds it whole. */
    static byte[] memoryBomb(int megabytes) {
        return pdfWithContent(out -> {
            out.write("BT /F1 12 Tf 10 10 Td (".getBytes(StandardCharsets.US_ASCII));
            byte[] block = "a".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < megabytes * 16; i++) {
                out.write(block);
            }
            out.write(") Tj ET".getBytes(StandardCharsets.US_ASCII));
        });
    }

    /** A page of {@code millions} million operators that draw nothing: the parser steps through them for minutes. */
    static byte[] endlessPage(int millions) {
        return pdfWithContent(out -> {
            byte[] block = "1 0 0 1 0 0 cm\n".repeat(4096).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < millions * 1_000_000 / 4096; i++) {
                out.write(block);
            }
        });
    }

    private interface Content {
        void write(DeflaterOutputStream out) throws IOException;
    }

    private static byte[] pdfWithContent(Content content) {
        try {
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
                content.write(out);
            }
            byte[] stream = deflated.toByteArray();
            List<byte[]> objects = new ArrayList<>();
            objects.add(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
            objects.add(ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"));
            objects.add(ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"));
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            s.write(ascii("<< /Length " + stream.length + " /Filter /FlateDecode >>\nstream\n"));
            s.write(stream);
            s.write(ascii("\nendstream"));
            objects.add(s.toByteArray());
            objects.add(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            pdf.write(ascii("%PDF-1.7\n"));
            List<Integer> offsets = new ArrayList<>();
            for (int i = 0; i < objects.size(); i++) {
                offsets.add(pdf.size());
                pdf.write(ascii((i + 1) + " 0 obj\n"));
                pdf.write(objects.get(i));
                pdf.write(ascii("\nendobj\n"));
            }
            int xref = pdf.size();
            StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
            for (int offset : offsets) {
                table.append(String.format("%010d 00000 n \n", offset));
            }
            table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
            pdf.write(ascii(table.toString()));
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private HostileDocuments() {
    }
}
