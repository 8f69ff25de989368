package org.pdxhub.plugins.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The limits of one parse, shared by the text sink, the embedded-document extractor and the
 * streams they read. The first limit reached is remembered: a parser that swallows the exception
 * thrown at that point (some record embedded failures and go on) cannot make the scan pass, since
 * the scanner asks the guard afterwards. Cancelling (on timeout) makes the next read or the next
 * characters written fail, so a parser that ignores interrupts still stops at its next step.
 */
final class ParseGuard {

    /** Thrown where a stream is read; the guard holds the reason. */
    static final class Stopped extends IOException {
        Stopped(String message) {
            super(message);
        }
    }

    private final ScanLimits limits;
    private volatile boolean cancelled;
    private volatile ScanReport.Refusal tripped;
    private long uncompressedBytes;
    private int embeddedDocuments;
    private int depth;

    ParseGuard(ScanLimits limits) {
        this.limits = limits;
    }

    ScanLimits limits() {
        return limits;
    }

    /** Records the first refusal; later ones are consequences of it. */
    ScanReport.Refusal trip(RefusalReason reason, String detail) {
        if (tripped == null) {
            tripped = new ScanReport.Refusal(reason, detail);
        }
        return tripped;
    }

    ScanReport.Refusal tripped() {
        return tripped;
    }

    void cancel() {
        cancelled = true;
    }

    void checkRunning() throws Stopped {
        if (cancelled || tripped != null) {
            throw new Stopped("the scan was stopped");
        }
    }

    int embeddedDocuments() {
        return embeddedDocuments;
    }

    /** Called when an embedded document starts; throws when it is one too many or too deep. */
    void enterEmbedded() throws Stopped {
        checkRunning();
        embeddedDocuments++;
        depth++;
        if (depth > limits.maxEmbeddedDepth()) {
            trip(RefusalReason.MAX_EMBEDDED_DEPTH, "documents are nested " + depth + " deep; max-embedded-depth is "
                    + limits.maxEmbeddedDepth() + ": send the inner documents unpacked");
            throw new Stopped("too deep");
        }
        if (embeddedDocuments > limits.maxEmbeddedDocuments()) {
            trip(RefusalReason.MAX_EMBEDDED_DOCUMENTS, "the document holds more than " + limits.maxEmbeddedDocuments()
                    + " embedded documents (max-embedded-documents): send them in several parts");
            throw new Stopped("too many");
        }
    }

    private int cells;

    /** Called for each non-empty spreadsheet cell; throws beyond max-spreadsheet-cells. */
    void cell() throws Stopped {
        if (++cells > limits.maxSpreadsheetCells()) {
            trip(RefusalReason.MAX_SPREADSHEET_CELLS, "the spreadsheet holds more than " + limits.maxSpreadsheetCells()
                    + " filled cells (max-spreadsheet-cells): send it in several parts");
            throw new Stopped("too many cells");
        }
        if ((cells & 0xff) == 0) {
            checkRunning();
        }
    }

    void leaveEmbedded() {
        depth--;
    }

    /** An embedded document's stream, counted against max-uncompressed-bytes. */
    InputStream counted(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    add(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // Skipping a compressed entry inflates it all the same: read it, and count it.
                byte[] buffer = new byte[8192];
                long skipped = 0;
                while (skipped < n) {
                    int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                    if (r < 0) {
                        break;
                    }
                    skipped += r;
                }
                return skipped;
            }
        };
    }

    private void add(int bytes) throws Stopped {
        checkRunning();
        uncompressedBytes += bytes;
        if (uncompressedBytes > limits.maxUncompressedBytes()) {
            trip(RefusalReason.MAX_UNCOMPRESSED_BYTES, "embedded documents expand to more than "
                    + limits.maxUncompressedBytes() + " bytes (max-uncompressed-bytes): a compressed archive this "
                    + "large is refused, send its contents in several parts");
            throw new Stopped("too large");
        }
    }
}
