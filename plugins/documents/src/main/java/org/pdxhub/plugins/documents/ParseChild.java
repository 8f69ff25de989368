package org.pdxhub.plugins.documents;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.PrintStream;

/**
 * A child JVM of forked parsing: reads requests on its standard input one after another,
 * extracts each document's text and metadata with the same guard as an in-process scan, writes
 * the answer on its standard output, and exits when the node closes its input. It finds nothing
 * and holds no key: the node does that with what comes back, and ends this process after any
 * refusal, so that no state of a refused document reaches the next.
 */
public final class ParseChild {

    public static void main(String[] args) throws Exception {
        PrintStream answerChannel = System.out;
        // Parsers and their logging must not write into the answer.
        System.setOut(System.err);
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(answerChannel));
        try (DocumentScanner.Extractor extractor = DocumentScanner.extractor()) {
            while (true) {
                ForkedParsing.Request request;
                try {
                    request = ForkedParsing.readRequest(in);
                } catch (EOFException nodeClosedThePipe) {
                    break;
                }
                ForkedParsing.writeAnswer(out, extractor.extract(request.content(), request.name(), request.limits()));
                out.flush();
            }
        }
        System.exit(0);
    }

    private ParseChild() {
    }
}
