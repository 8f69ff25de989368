package org.pdxhub.connector.file;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where a department's files arrive, and where they go once read: a local folder or a folder on
 * an SFTP server, each with {@code done/} and {@code failed/} inside. An {@link IOException}
 * from a drop means the drop could not be reached; the files stay where they are.
 */
interface Drop extends AutoCloseable {

    /** A file waiting in the drop. */
    record Arrival(String name, long size, Instant modified) {
    }

    /** A file's content on this machine, to be read as a file; closing it removes what was fetched. */
    interface Fetched extends AutoCloseable {
        Path path();

        @Override
        void close() throws IOException;
    }

    /** For health and logs; never holds a secret. */
    String describe();

    /** Regular files, not dot-files, last changed before {@code settled}, by name. */
    List<Arrival> settled(Instant settled) throws IOException;

    /** The file's content, streamed to this machine when it is not here already (never held in memory whole). */
    Fetched fetch(Arrival file) throws IOException;

    /** Moves the file into {@code to} ({@code done} or {@code failed}), with {@code <name>.reason.txt} beside it if there is a reason. */
    void move(Arrival file, String to, String reason) throws IOException;

    /** Lets go of connections; the drop may be used again (it reconnects). */
    @Override
    default void close() {
    }
}
