package org.pdxhub.plugins.documents;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses embedded documents (zip entries, attachments, objects in Office files) under the guard:
 * counts them and their depth, and reads each whole through a counting stream into a temporary
 * file before parsing it, so that what a parser would skip is counted too. Unlike Tika's own extractor it does not swallow an
 * embedded document's failure: an encrypted or unreadable part makes the whole document refused,
 * as its content could not be checked.
 */
final class GuardedExtractor implements EmbeddedDocumentExtractor {

    private static final char[] SEPARATOR = {'\n'};

    private final ParseGuard guard;
    private final Parser parser;
    private final ParseContext context;
    private final List<Metadata> embedded = new ArrayList<>();

    GuardedExtractor(ParseGuard guard, Parser parser, ParseContext context) {
        this.guard = guard;
        this.parser = parser;
        this.context = context;
    }

    /** Always yes: a document that is not parsed is still counted and read through. */
    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        return true;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        guard.enterEmbedded();
        embedded.add(metadata);
        try {
            // Keeps the text of one document from running into the next one's (two numbers into one).
            handler.characters(SEPARATOR, 0, 1);
            InputStream counted = guard.counted(stream);
            try (TemporaryResources tmp = new TemporaryResources()) {
                TikaInputStream tis = TikaInputStream.get(new ShieldedStream(counted), tmp, metadata);
                // Read to a file through the count (so that what a parser would skip is counted, and
                // an archive inside is typed and read from its central directory, not inflated as a stream).
                tis.getPath();
                parser.parse(tis, new EmbeddedContentHandler(new BodyContentHandler(handler)), metadata, context);
            } catch (EncryptedDocumentException e) {
                guard.trip(RefusalReason.ENCRYPTED, "an embedded document is protected by a password: "
                        + "send it without the password");
                throw new ParseGuard.Stopped("encrypted");
            } catch (TikaException e) {
                guard.trip(RefusalReason.UNREADABLE, "an embedded document of type "
                        + metadata.get(Metadata.CONTENT_TYPE) + " could not be read (" + e.getClass().getSimpleName()
                        + "), so its content could not be checked");
                throw new ParseGuard.Stopped("unreadable");
            }
            handler.characters(SEPARATOR, 0, 1);
        } finally {
            guard.leaveEmbedded();
        }
    }

    /** Metadata of the embedded documents, in the order they were met. */
    List<Metadata> embedded() {
        return embedded;
    }

    /** Lets the parser close its view without closing the container's stream. */
    private static final class ShieldedStream extends FilterInputStream {
        ShieldedStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
