package org.pdxhub.plugins.documents;

import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/** Types from content (what a document is) and from a file name (what its sender says it is). */
final class MediaTyping {

    private static final Charset GB18030 = Charset.forName("GB18030");

    private final Detector detector;
    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = mimeTypes.getMediaTypeRegistry();

    MediaTyping(Detector detector) {
        this.detector = detector;
    }

    /**
     * From the bytes alone: the name is not given to the detector, since it may lie. Text in
     * GB18030 (or GBK), which Tika's detector takes for binary, is recognised as text.
     */
    MediaType ofContent(byte[] content) throws IOException {
        MediaType type;
        try (TikaInputStream tis = TikaInputStream.get(content)) {
            // From a file, zip containers are typed from their central directory; from a stream,
            // Tika inflates every entry to reach the next one, which a zip bomb turns into minutes.
            tis.getPath();
            type = registry.normalize(detector.detect(tis, new Metadata())).getBaseType();
        }
        return type.equals(MediaType.OCTET_STREAM) && isChineseText(content) ? MediaType.TEXT_PLAIN : type;
    }

    /** Whether the first 64 KiB decode as GB18030 with no control characters but tabs and line ends. */
    static boolean isChineseText(byte[] content) {
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        CoderResult result = GB18030.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content, 0, Math.min(content.length, 64 * 1024)), chars, false);
        if (result.isError()) {
            return false;
        }
        chars.flip();
        boolean wide = false;
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f || c == '\uFFFD') {
                return false;
            }
            wide |= c > 0x7f;
        }
        return wide;
    }

    /** From the extension; {@code application/octet-stream} when it names no known type. */
    MediaType ofName(String name) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try {
            return registry.normalize(mimeTypes.detect(null, metadata)).getBaseType();
        } catch (IOException e) {
            return MediaType.OCTET_STREAM;
        }
    }

    /**
     * Whether the content is not what the name says. Content must be of the named type or a kind
     * of it; plain text agrees with any text type (CSV cannot be told from text by its bytes), and
     * a name with no known extension claims nothing.
     */
    boolean disagree(MediaType content, MediaType named) {
        if (named.equals(MediaType.OCTET_STREAM) || registry.isInstanceOf(content, named)) {
            return false;
        }
        return !(content.equals(MediaType.TEXT_PLAIN) && registry.isInstanceOf(named, MediaType.TEXT_PLAIN));
    }

    boolean isInstanceOf(MediaType type, MediaType of) {
        return registry.isInstanceOf(type, of);
    }

    MediaTypeRegistry registry() {
        return registry;
    }
}
