package org.pdxhub.connector.file;

import org.apache.camel.CamelContext;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.spi.ExceptionHandler;

import java.time.Duration;
import java.util.Comparator;

/**
 * Where a department's files arrive: a local folder or a folder on an SFTP server, each with
 * {@code done/} and {@code failed/} inside. Camel's consumer for it (the {@code file} or the
 * {@code sftp} component) lists, locks, fetches and moves the files; a drop only says how that
 * endpoint is set up, and how to read a failure to reach it.
 */
interface Drop {

    /** A file is taken once it has not changed for this long ({@code readLockMinAge}). */
    Duration QUIET = Duration.ofSeconds(1);

    /** For health and logs; never holds a secret. */
    String describe();

    /** Camel's endpoint on this drop, set up and not started; its process strategy {@link Outcomes} around Camel's own. */
    GenericFileEndpoint<?> endpoint(CamelContext camel, ExceptionHandler afterTheFile);

    /** What went wrong reaching the drop, in a line that says what to change when an option is the cause. */
    default String failure(Throwable cause) {
        return deepest(cause);
    }

    /**
     * The options every drop has: a file still changing is left for a later poll ({@code readLock=changed}),
     * a file read goes to {@code done/}, one refused to {@code failed/} ({@code move}, {@code moveFailed}),
     * taken by name, and nothing but plain files of the folder itself.
     */
    static <T> void consumerOptions(GenericFileEndpoint<T> endpoint, ExceptionHandler afterTheFile, Comparator<GenericFile<T>> byName) {
        endpoint.setReadLock("changed");
        endpoint.setReadLockMinAge(QUIET.toMillis());
        // A file younger than QUIET is left for the next poll at once rather than waited for.
        endpoint.setReadLockCheckInterval(100);
        endpoint.setReadLockTimeout(400);
        endpoint.setReadLockMinLength(0);
        endpoint.setReadLockLoggingLevel(LoggingLevel.OFF);
        endpoint.setMove("done/${file:onlyname}");
        endpoint.setMoveFailed("failed/${file:onlyname}");
        endpoint.setAutoCreate(false);
        endpoint.setRecursive(false);
        endpoint.setSorter(byName);
        endpoint.setSynchronous(true);
        endpoint.setOnCompletionExceptionHandler(afterTheFile);
    }

    static String deepest(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
