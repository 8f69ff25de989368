package org.pdxhub.tabular;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.ProxyReader;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * CSV as records, one way for every path: RFC 4180 quoting; the delimiter found most often in the
 * first line outside quotes (comma, tab, semicolon or bar); UTF-8, with or without its byte-order
 * mark, or UTF-16 by its mark, and GB18030 (what Excel writes on Chinese Windows) when the bytes are
 * not valid UTF-8; the first filled row names the fields; values trimmed, an empty one is null;
 * blank lines skipped. Values stay text: the gate types them by the catalog.
 * <p>
 * Memory stays near one record: a record longer than max-field-chars (an unclosed quote, or a
 * hostile 10 MB field) is refused while it is read, not after.
 */
public final class Csv {

    private static final char[] DELIMITERS = {',', '\t', ';', '|'};
    private static final Charset GB18030 = Charset.forName("GB18030");
    /** Commons CSV reads this far ahead of the record it returns. */
    private static final int READ_AHEAD = 16 * 1024;

    private Csv() {
    }

    /** @return the header's field names, null when the content has no filled row */
    public static List<String> read(byte[] content, Header header, TabularLimits limits, Consumer<Row> out) {
        Charset charset = charset(content, content.length);
        int bom = bomLength(content);
        return read(new InputStreamReader(new ByteArrayInputStream(content, bom, content.length - bom), charset), header, limits, out);
    }

    /** Text already decoded (a body whose charset the interface fixes); a leading byte-order mark is skipped. */
    public static List<String> read(String text, Header header, TabularLimits limits, Consumer<Row> out) {
        return read(new StringReader(!text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text), header, limits, out);
    }

    /** As {@link #read(byte[], Header, TabularLimits, Consumer)}, streamed from a file of any size. */
    public static List<String> read(Path file, Header header, TabularLimits limits, Consumer<Row> out) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        Charset charset = bomCharset(head, n);
        if (charset == null) {
            charset = validUtf8(file) ? StandardCharsets.UTF_8 : GB18030;
        }
        InputStream in = Files.newInputStream(file);
        try (in) {
            in.skipNBytes(bomLength(head));
            return read(new InputStreamReader(in, charset), header, limits, out);
        }
    }

    /** The charset the bytes are in, by the rule above. */
    public static Charset charset(byte[] bytes, int length) {
        Charset bom = bomCharset(bytes, length);
        if (bom != null) {
            return bom;
        }
        try {
            strictUtf8().decode(ByteBuffer.wrap(bytes, 0, length));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return GB18030;
        }
    }

    private static List<String> read(Reader decoded, Header header, TabularLimits limits, Consumer<Row> out) {
        Bounded reader = new Bounded(new BufferedReader(decoded, 64 * 1024), limits.maxFieldChars());
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter(reader.buffered, limits.maxFieldChars()))
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true).get();
        Table table = new Table(header, limits, out);
        long number = 0;
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                number = record.getRecordNumber();
                List<Object> values = new ArrayList<>(record.size());
                for (String value : record) {
                    values.add(value.isEmpty() ? null : value);
                }
                table.row(number, values);
                reader.recordEndsBefore(record.getCharacterPosition());
            }
        } catch (UncheckedIOException e) {
            throw refusal(e.getCause(), number + 1);
        } catch (IOException e) {
            throw refusal(e, number + 1);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The parser's message quotes the line; it may hold personal data.
            throw new TabularRefused(TabularRefused.Reason.UNREADABLE, number + 1, "the CSV cannot be read after row " + number
                    + " (an unclosed quote, or text after a closing quote): correct it and send again");
        }
        return table.fieldsOrNull();
    }

    private static TabularRefused refusal(IOException e, long row) {
        if (e instanceof Bounded.TooLong tooLong) {
            return tooLong.refusal(row);
        }
        return new TabularRefused(TabularRefused.Reason.UNREADABLE, row, "the CSV cannot be read: " + e.getClass().getSimpleName());
    }

    /** The delimiter found most often in the first line, outside quotes; a comma when none is. */
    static char delimiter(BufferedReader in, int maxLine) {
        try {
            in.mark(maxLine + 1);
            int[] counts = new int[DELIMITERS.length];
            boolean quoted = false;
            for (int i = 0, c = in.read(); i < maxLine && c >= 0 && c != '\n'; i++, c = in.read()) {
                if (c == '"') {
                    quoted = !quoted;
                }
                for (int d = 0; d < DELIMITERS.length && !quoted; d++) {
                    if (c == DELIMITERS[d]) {
                        counts[d]++;
                    }
                }
            }
            in.reset();
            int best = 0;
            for (int d = 1; d < DELIMITERS.length; d++) {
                if (counts[d] > counts[best]) {
                    best = d;
                }
            }
            return DELIMITERS[best];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Charset bomCharset(byte[] b, int n) {
        if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (n >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static int bomLength(byte[] b) {
        Charset bom = bomCharset(b, b.length);
        return bom == null ? 0 : bom == StandardCharsets.UTF_8 ? 3 : 2;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** One pass over the file with a strict decoder, so that a large file is not held to decide. */
    private static boolean validUtf8(Path file) throws IOException {
        CharsetDecoder decoder = strictUtf8();
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (var channel = Files.newByteChannel(file)) {
            boolean end = false;
            while (!end) {
                end = channel.read(bytes) < 0;
                bytes.flip();
                if (decoder.decode(bytes, chars, end).isError()) {
                    return false;
                }
                chars.clear();
                bytes.compact();
            }
            bytes.flip();
            return !decoder.flush(chars).isError() && !bytes.hasRemaining();
        }
    }

    /** Refuses to hand the parser more than a record's worth of characters past the last record's start. */
    private static final class Bounded extends ProxyReader {
        final BufferedReader buffered;
        private final long max;
        private final int limit;
        private long delivered;
        private long recordStart;

        /** The last record returned and the one being read may each be max-field-chars long. */
        Bounded(BufferedReader in, int maxFieldChars) {
            super(in);
            this.buffered = in;
            this.limit = maxFieldChars;
            this.max = 2L * maxFieldChars + READ_AHEAD;
        }

        void recordEndsBefore(long position) {
            recordStart = Math.max(recordStart, position);
        }

        @Override
        protected void afterRead(int n) throws IOException {
            if (n > 0) {
                count(n);
            }
        }

        private void count(int n) throws TooLong {
            delivered += n;
            if (delivered - recordStart > max) {
                throw new TooLong(limit);
            }
        }

        static final class TooLong extends IOException {
            private final long limit;

            TooLong(long limit) {
                super("a record longer than max-field-chars");
                this.limit = limit;
            }

            TabularRefused refusal(long row) {
                return new TabularRefused(TabularRefused.Reason.MAX_FIELD_CHARS, row, "row " + row + " runs on past "
                        + limit + " characters (max-field-chars): is a quote left open? Send long texts as documents");
            }
        }
    }
}
