package org.pdxhub.connector.file;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a file is, from its content (Tika), and whether its name says the same. The name is not
 * trusted: a CSV named {@code .xlsx}, or a workbook named {@code .csv}, is refused rather than
 * read as what it is, since the sender's system has then mislabelled what it sent.
 */
final class FileTyping {

    /** DOCUMENT: a document the node scans for personal data and redacts, as one posted over REST. */
    enum Format { CSV, JSON, XLSX, DOCUMENT }

    static final MediaType XLSX = MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType OOXML_PROTECTED = MediaType.application("x-tika-ooxml-protected");
    /** Documents (not records) a drop folder takes: PDF, Word, PowerPoint, OpenDocument text, RTF. */
    static final List<MediaType> DOCUMENTS = List.of(MediaType.application("pdf"), MediaType.application("msword"),
            MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"),
            MediaType.application("vnd.ms-powerpoint"),
            MediaType.application("vnd.openxmlformats-officedocument.presentationml.presentation"),
            MediaType.application("vnd.oasis.opendocument.text"), MediaType.application("rtf"));

    /** Every detector on the class path: Tika's OOXML one (tika-parser-microsoft-module) tells an XLSX from other zips. */
    private static final Detector CONTENT = new DefaultDetector();
    private static final MimeTypes NAMES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = NAMES.getMediaTypeRegistry();

    private FileTyping() {
    }

    /** @throws FileFolder.NotRecords saying what the content is when it is not a format read here or not what the name says */
    static Format detect(Path file, String name) throws IOException {
        MediaType content;
        // From a file, Tika types a zip from its central directory rather than inflating every entry.
        try (TikaInputStream in = TikaInputStream.get(file)) {
            content = REGISTRY.normalize(CONTENT.detect(in, new Metadata())).getBaseType();
        }
        Format format;
        if (content.equals(OOXML_PROTECTED)) {
            throw new FileFolder.NotRecords("the content is a password-protected Office file (" + content + "): send it without the password");
        } else if (REGISTRY.isInstanceOf(content, XLSX)) {
            format = Format.XLSX;
        } else if (content.getType().equals("text") || REGISTRY.isInstanceOf(content, MediaType.TEXT_PLAIN)) {
            format = firstCharacter(file) == '[' ? Format.JSON : Format.CSV;
        } else if (DOCUMENTS.stream().anyMatch(d -> REGISTRY.isInstanceOf(content, d))) {
            format = Format.DOCUMENT;
        } else {
            throw new FileFolder.NotRecords("not CSV, JSON or XLSX records, nor a document (PDF, Word, PowerPoint,"
                    + " OpenDocument text, RTF): the content is " + content);
        }
        MediaType named = byName(name);
        boolean agrees = named.equals(MediaType.OCTET_STREAM) || switch (format) {
            case XLSX -> REGISTRY.isInstanceOf(named, XLSX);
            case DOCUMENT -> REGISTRY.isInstanceOf(named, content) || REGISTRY.isInstanceOf(content, named);
            case CSV, JSON -> REGISTRY.isInstanceOf(named, MediaType.TEXT_PLAIN);
        };
        if (!agrees) {
            throw new FileFolder.NotRecords("named " + name + " (" + named + ") but the content is " + describe(format, content)
                    + ": send the file under a name that says what it is");
        }
        return format;
    }

    /** What the name claims; {@code application/octet-stream} for an extension that claims nothing known. */
    static MediaType byName(String name) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try {
            return REGISTRY.normalize(NAMES.detect(null, metadata)).getBaseType();
        } catch (IOException e) {
            return MediaType.OCTET_STREAM;
        }
    }

    private static String describe(Format format, MediaType content) {
        return switch (format) {
            case XLSX -> "an XLSX workbook (" + content + ")";
            case JSON -> "JSON text (" + content + ")";
            case CSV -> "CSV text (" + content + ")";
            case DOCUMENT -> "a document (" + content + ")";
        };
    }

    /** The first character that is not white space or a byte-order mark; a JSON array starts with '['. */
    private static int firstCharacter(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
            return c;
        }
    }
}
