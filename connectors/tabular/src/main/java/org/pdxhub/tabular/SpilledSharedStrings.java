package org.pdxhub.tabular;

import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A workbook's shared strings (every distinct text of every cell, in Excel's files) kept in two
 * temporary files instead of the heap: the texts, AES-CTR encrypted under a key that lives only in
 * this object (they are names and ID numbers, and a temporary file can outlive a crash), and an
 * index of where each starts. A lookup is two positional reads, so memory does not grow with the
 * number of strings. POI's ReadOnlySharedStringsTable holds them all on the heap (58 MB live of a
 * 64 MB heap for the 600,000 of the file connector's XlsxSmallHeapTest); poi-shared-strings' MVStore-backed table took
 * 36 s to load and look them up here, 74 s encrypted.
 */
final class SpilledSharedStrings implements SharedStrings, AutoCloseable {

    private static final int CACHED = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path texts;
    private final Path index;
    private final SecretKeySpec key;
    private final byte[] iv = new byte[16];
    private final FileChannel textChannel;
    private final FileChannel indexChannel;
    private final Cipher decrypt;
    private final int unique;
    private final int count;
    /** Repeated values (a district, a status) are looked up again and again. */
    private final Map<Integer, String> recent = new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > CACHED;
        }
    };

    private SpilledSharedStrings(Path texts, Path index, SecretKeySpec key, byte[] iv, int unique, int count) throws IOException {
        this.texts = texts;
        this.index = index;
        this.key = key;
        System.arraycopy(iv, 0, this.iv, 0, 16);
        this.unique = unique;
        this.count = count;
        this.textChannel = FileChannel.open(texts, StandardOpenOption.READ);
        this.indexChannel = FileChannel.open(index, StandardOpenOption.READ);
        try {
            this.decrypt = Cipher.getInstance("AES/CTR/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the package's shared strings part, if it has one, in one streaming pass.
     *
     * @param counted wraps the part's stream so that its inflated bytes count against the reader's limits
     */
    static SpilledSharedStrings of(OPCPackage pkg, UnaryOperator<InputStream> counted) throws IOException, SAXException {
        Path texts = Files.createTempFile("pdx-sst-", ".bin");
        Path index = Files.createTempFile("pdx-sst-", ".idx");
        try {
            byte[] keyBytes = new byte[16];
            byte[] iv = new byte[16];
            RANDOM.nextBytes(keyBytes);
            RANDOM.nextBytes(iv);
            SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
            Cipher cipher;
            try {
                cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            int[] counts = {0, 0};
            List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            try (OutputStream textOut = new BufferedOutputStream(Files.newOutputStream(texts), 64 * 1024);
                 DataOutputStream indexOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(index), 64 * 1024))) {
                long[] offset = {0};
                indexOut.writeLong(0);
                if (!parts.isEmpty()) {
                    try (InputStream in = counted.apply(parts.get(0).getInputStream())) {
                        XMLReader xml = XMLHelper.newXMLReader();
                        xml.setContentHandler(new Items(text -> {
                            byte[] plain = text.getBytes(StandardCharsets.UTF_8);
                            try {
                                if (plain.length > 0) {
                                    textOut.write(cipher.update(plain));
                                }
                                offset[0] += plain.length;
                                indexOut.writeLong(offset[0]);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            counts[0]++;
                        }, counts));
                        xml.parse(new InputSource(in));
                    } catch (javax.xml.parsers.ParserConfigurationException e) {
                        throw new IllegalStateException(e);
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                }
                byte[] rest = cipher.doFinal();
                if (rest != null) {
                    textOut.write(rest);
                }
            } catch (javax.crypto.IllegalBlockSizeException | javax.crypto.BadPaddingException e) {
                throw new IllegalStateException(e);
            }
            return new SpilledSharedStrings(texts, index, key, iv, counts[0], Math.max(counts[0], counts[1]));
        } catch (IOException | SAXException | RuntimeException e) {
            Files.deleteIfExists(texts);
            Files.deleteIfExists(index);
            throw e;
        }
    }

    /** Plain text: XSSFRichTextString would build an XMLBeans tree per cell only for its text to be taken. */
    @Override
    public RichTextString getItemAt(int idx) {
        return new PlainText(getString(idx));
    }

    synchronized String getString(int idx) {
        if (idx < 0 || idx >= unique) {
            throw new IllegalArgumentException("shared string " + idx + " does not exist; the workbook has " + unique);
        }
        String cached = recent.get(idx);
        if (cached != null) {
            return cached;
        }
        try {
            ByteBuffer bounds = ByteBuffer.allocate(16);
            readFully(indexChannel, bounds, (long) idx * 8);
            long start = bounds.getLong(0);
            long end = bounds.getLong(8);
            // CTR: the key stream at any byte is known from its block number, so a text decrypts on its own.
            long block = start / 16;
            int skip = (int) (start % 16);
            ByteBuffer sealed = ByteBuffer.allocate((int) (end - start) + skip);
            readFully(textChannel, sealed, block * 16);
            decrypt.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(counter(block)));
            byte[] plain = decrypt.doFinal(sealed.array());
            String text = new String(plain, skip, plain.length - skip, StandardCharsets.UTF_8);
            recent.put(idx, text);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("reading shared string " + idx, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getCount() {
        return count;
    }

    @Override
    public int getUniqueCount() {
        return unique;
    }

    @Override
    public void close() throws IOException {
        try {
            textChannel.close();
            indexChannel.close();
        } finally {
            Files.deleteIfExists(texts);
            Files.deleteIfExists(index);
        }
    }

    private byte[] counter(long block) {
        byte[] sum = new BigInteger(1, iv).add(BigInteger.valueOf(block)).toByteArray();
        byte[] counter = new byte[16];
        int length = Math.min(16, sum.length);
        System.arraycopy(sum, sum.length - length, counter, 16 - length, length);
        return counter;
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(mode, key, new IvParameterSpec(iv));
        return cipher;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the temporary shared strings file ended early");
            }
        }
    }

    /** {@code <si>} items of sharedStrings.xml: the text of their {@code <t>} runs, without phonetic guides ({@code <rPh>}). */
    private static final class Items extends DefaultHandler {
        private final java.util.function.Consumer<String> out;
        private final int[] counts;
        private final StringBuilder text = new StringBuilder();
        private boolean inItem;
        private boolean inPhonetic;
        private boolean inText;

        Items(java.util.function.Consumer<String> out, int[] counts) {
            this.out = out;
            this.counts = counts;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "sst" -> {
                    String declared = attributes.getValue("count");
                    if (declared != null && declared.matches("\\d{1,9}")) {
                        counts[1] = Integer.parseInt(declared);
                    }
                }
                case "si" -> {
                    inItem = true;
                    text.setLength(0);
                }
                case "rPh" -> inPhonetic = true;
                case "t" -> inText = inItem && !inPhonetic;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "si" -> {
                    inItem = false;
                    out.accept(text.toString());
                }
                case "rPh" -> inPhonetic = false;
                case "t" -> inText = false;
                default -> {
                }
            }
        }
    }

    /** A shared string's text; formatting runs are not read, so there are none to apply or report. */
    private record PlainText(String getString) implements RichTextString {
        @Override
        public String toString() {
            return getString;
        }

        @Override
        public int length() {
            return getString.length();
        }

        @Override
        public int numFormattingRuns() {
            return 0;
        }

        @Override
        public int getIndexOfFormattingRun(int run) {
            throw new IndexOutOfBoundsException(run);
        }

        @Override
        public void applyFont(int startIndex, int endIndex, short fontIndex) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void applyFont(int startIndex, int endIndex, Font font) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void applyFont(Font font) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void applyFont(short fontIndex) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public void clearFormatting() {
            throw new UnsupportedOperationException("read only");
        }
    }
}
