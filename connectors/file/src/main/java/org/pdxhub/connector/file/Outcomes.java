package org.pdxhub.connector.file;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Service;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.strategy.GenericFileProcessStrategySupport;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.apache.camel.support.service.ServiceHelper;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Camel's process strategy for a drop ({@code readLock=changed}, {@code move=done/…},
 * {@code moveFailed=failed/…}), with the node's three outcomes: a file read goes to {@code done/}
 * and one refused to {@code failed/}, each with {@code <name>.reason.txt} beside it; a file the
 * node could not take ({@link LeftInPlace}) stays where it is, its lock released, for the next poll.
 * Camel's {@code moveFailed} alone would move it on any failure.
 */
final class Outcomes<T> implements GenericFileProcessStrategy<T>, CamelContextAware, Service {

    /** The exchange property holding what became of a file read, written to {@code done/<name>.reason.txt}. */
    static final String SUMMARY = "pdx.file.summary";

    private final GenericFileProcessStrategy<T> camel;

    Outcomes(GenericFileProcessStrategy<T> camel) {
        this.camel = camel;
    }

    /** The file is not records the node reads, or the gate refused all of them: to {@code failed/}, with the reason. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** The node (or the drop) could not take the file now: it stays for the next poll, unmoved. */
    static final class LeftInPlace extends RuntimeException {
        LeftInPlace(String reason) {
            super(reason);
        }
    }

    /**
     * Ends the file's exchange: Camel's on-completion (this strategy's commit or rollback) runs now,
     * on the polling thread, as the unit of work of a route would run it.
     */
    static void complete(Exchange exchange) {
        List<Synchronization> completions = exchange.getExchangeExtension().handoverCompletions();
        UnitOfWorkHelper.doneSynchronizations(exchange, completions);
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint) throws Exception {
        camel.prepareOnStartup(operations, endpoint);
    }

    @Override
    public boolean begin(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint, Exchange exchange, GenericFile<T> file)
            throws Exception {
        return camel.begin(operations, endpoint, exchange, file);
    }

    @Override
    public void abort(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint, Exchange exchange, GenericFile<T> file)
            throws Exception {
        camel.abort(operations, endpoint, exchange, file);
    }

    @Override
    public void commit(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint, Exchange exchange, GenericFile<T> file)
            throws Exception {
        keepEarlier(operations, exchange, file, "done");
        camel.commit(operations, endpoint, exchange, file);
        reason(operations, endpoint, file, "done", exchange.getProperty(SUMMARY, String.class));
    }

    @Override
    public void rollback(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint, Exchange exchange, GenericFile<T> file)
            throws Exception {
        Exception cause = exchange.getException();
        if (cause instanceof LeftInPlace) {
            leave(operations, exchange, file);
            return;
        }
        keepEarlier(operations, exchange, file, "failed");
        camel.rollback(operations, endpoint, exchange, file);
        reason(operations, endpoint, file, "failed", cause == null ? "not read" : cause.getMessage());
    }

    /** As Camel's rollback without moveFailed: the fetched copy deleted, the lock released, the file where it was. */
    private void leave(GenericFileOperations<T> operations, Exchange exchange, GenericFile<T> file) throws Exception {
        try {
            operations.releaseRetrievedFileResources(exchange);
        } finally {
            if (camel instanceof GenericFileProcessStrategySupport<T> support) {
                GenericFileExclusiveReadLockStrategy<T> lock = support.getExclusiveReadLockStrategy();
                if (lock != null) {
                    lock.releaseExclusiveReadLockOnRollback(operations, file, exchange);
                }
            }
            String local = exchange.getIn().getHeader(FileConstants.FILE_LOCAL_WORK_PATH, String.class);
            if (local != null) {
                new File(local).delete();
            }
        }
    }

    /**
     * A department drops {@code people.csv} every day: Camel's move replaces the one already in
     * {@code done/}, so yesterday's file and its reason are put aside first, as {@code <millis>-people.csv}.
     */
    private void keepEarlier(GenericFileOperations<T> operations, Exchange exchange, GenericFile<T> file, String to) {
        String folder = folder(file) + to + "/";
        String name = file.getFileNameOnly();
        if (operations.existsFile(folder + name)) {
            String aside = exchange.getClock().getCreated() + "-" + name;
            operations.renameFile(folder + name, folder + aside);
            if (operations.existsFile(folder + name + ".reason.txt")) {
                operations.renameFile(folder + name + ".reason.txt", folder + aside + ".reason.txt");
            }
        }
    }

    private static String folder(GenericFile<?> file) {
        return file.getParent() == null || file.getParent().isEmpty() ? "" : file.getParent() + "/";
    }

    /** {@code <to>/<name>.reason.txt} beside the moved file, written by the endpoint's own operations (local or SFTP). */
    private void reason(GenericFileOperations<T> operations, GenericFileEndpoint<T> endpoint, GenericFile<T> file, String to, String reason) {
        if (reason == null) {
            return;
        }
        Exchange text = new DefaultExchange(endpoint.getCamelContext());
        text.getIn().setBody((reason + "\n").getBytes(StandardCharsets.UTF_8));
        operations.storeFile(folder(file) + to + "/" + file.getFileNameOnly() + ".reason.txt", text, -1);
    }

    /** Camel names the strategy in its line for each rollback. */
    @Override
    public String toString() {
        return "done/ or failed/ with the reason, or left for the next poll";
    }

    @Override
    public void setCamelContext(CamelContext context) {
        if (camel instanceof CamelContextAware aware) {
            aware.setCamelContext(context);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camel instanceof CamelContextAware aware ? aware.getCamelContext() : null;
    }

    @Override
    public void start() {
        ServiceHelper.startService(camel);
    }

    @Override
    public void stop() {
        ServiceHelper.stopService(camel);
    }
}
