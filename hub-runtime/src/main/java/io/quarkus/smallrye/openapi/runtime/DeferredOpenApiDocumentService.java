package io.quarkus.smallrye.openapi.runtime;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI document of {@code /q/openapi}, prepared once the node has started instead of on its
 * start's main thread.
 *
 * <p>Quarkus prepares it on the main thread at every start, before the node's own start-up begins:
 * the build-time document (270 KB of JSON) read through SnakeYAML, filtered, then written out as
 * both JSON and YAML, all in code not yet compiled. That was the largest single item of a start's
 * main thread, 55 of 252 samples (bench/README.md, "Start to healthy: the OpenAPI document
 * prepared after the start"). Nothing in the node reads the document; people and tools do, after
 * the node is up. So it is prepared once the HTTP server listens, on a worker thread, or by the
 * first request if that comes sooner (which then waits for it); the document is the same. A node
 * that listens on HTTPS only gets no {@code HttpServerStart}: its first request prepares it.
 *
 * <p>Why this package: {@link OpenApiDocumentService#prepareDocument} is package-private and the
 * extension's recorder calls it, so only a subclass in this package can defer it, and only where
 * the node runs: from the one jar on the JVM's class path, where this class and the extension's
 * share a class loader and so a package. In a {@code @QuarkusTest} or dev mode the extension's
 * classes come from another class loader, which would not let this bean reach its superclass's
 * fields; so the bean exists in the prod build only, and a test's node prepares the document at
 * start as it always did. StartToReadyIT checks the packaged node: no document prepared before the
 * start-up's last step, then the whole document, with the node's security schemes, prepared once.
 */
// Looked up by the extension (Arc.container().select), injected nowhere: kept against ArC's removal of unused beans.
@Unremovable
@IfBuildProfile("prod")
@Alternative
@Priority(1)
@Singleton
public class DeferredOpenApiDocumentService extends OpenApiDocumentService {

    private static final Logger LOG = Logger.getLogger(DeferredOpenApiDocumentService.class);

    /** The documents asked for at start and not yet prepared, each with the class loader of its start. */
    private final Map<String, Runnable> pending = new LinkedHashMap<>();

    @Override
    synchronized void prepareDocument(AutoSecurityFilter autoSecurityFilter, List<String> runtimeFilters, String documentName) {
        // The document is read through the start's context class loader; a request's thread may have none.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        pending.put(documentName, () -> {
            Thread thread = Thread.currentThread();
            ClassLoader own = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                super.prepareDocument(autoSecurityFilter, runtimeFilters, documentName);
            } finally {
                thread.setContextClassLoader(own);
            }
        });
    }

    /**
     * Once the HTTP server listens, the node has started: the documents are prepared then, on a
     * worker thread (the event is fired asynchronously), so that the first person to open Swagger
     * UI does not wait for them.
     */
    void afterTheNodeStarted(@ObservesAsync HttpServerStart listening) {
        for (String name : pendingNames()) {
            prepare(name, "after the start");
        }
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        prepare(documentName, "on its first request");
        return super.getDocument(documentName, format);
    }

    private synchronized List<String> pendingNames() {
        return List.copyOf(pending.keySet());
    }

    private synchronized void prepare(String documentName, String when) {
        Runnable prepare = pending.remove(documentName);
        if (prepare != null) {
            long began = System.nanoTime();
            prepare.run();
            LOG.infof("OpenAPI document '%s' prepared %s in %d ms", documentName, when, (System.nanoTime() - began) / 1_000_000);
        }
    }
}
