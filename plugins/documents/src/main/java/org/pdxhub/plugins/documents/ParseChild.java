package org.pdxhub.plugins.documents;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintStream;

/**
 * The child JVM of a forked parse: reads one request on its standard input, extracts the text
 * and metadata with the same guard as an in-process scan, writes the answer on its standard
 * output and exits. It finds nothing and holds no key: the node does that with what comes back.
 */
public final class ParseChild {

    public static void main(String[] args) throws Exception {
        PrintStream answerChannel = System.out;
        // Parsers and their logging must not write into the answer.
        System.setOut(System.err);
        ForkedParsing.Request request = ForkedParsing.readRequest(new DataInputStream(new BufferedInputStream(System.in)));
        ForkedParsing.Answer answer = DocumentScanner.extractHere(request.content(), request.name(), request.limits());
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(answerChannel));
        ForkedParsing.writeAnswer(out, answer);
        out.flush();
        System.exit(0);
    }

    private ParseChild() {
    }
}
