package org.pdxhub.hub.exchange;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.URISupport;
import org.jboss.logging.Logger;
import org.pdxhub.hub.deadletter.DeadLetterChannel;
import org.pdxhub.hub.gate.RouteFileCheck;
import org.pdxhub.hub.node.HubConfig;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.pdxhub.hub.node.StartupRefused;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The node's own Camel YAML routes, from {@code <config-dir>/routes/*.yaml}, loaded with Camel's
 * RoutesLoader (what {@code camel cmd load} uses) once the standard routes run. A file may hold
 * routes only, held to {@link RouteFileCheck}'s allowlist (no bean of the node, no endpoint chosen
 * at run time, no {@code pdx.*} address but sending to an inbound one); its {@code jms} endpoints
 * log in to the broker with a provider's rights. At start, a route that would bypass the gate, or
 * a file Camel cannot read, stops start-up naming the file.
 * While the node runs, the folder is looked at every {@code pdx.routes.scan-every} (2 s): a changed file's routes are replaced,
 * a removed file's routes removed. A changed file that Camel cannot read, or whose routes the gate
 * refuses, is refused with a log line and counted; the routes that ran keep running.
 */
@ApplicationScoped
public class NodeRoutes {

    private static final Logger LOG = Logger.getLogger(NodeRoutes.class);

    /** What a routes file last gave: its content hash, the routes it runs, and the last refusal. */
    public record FileState(String file, String hash, List<String> routes, String state, String error, Instant at) {
    }

    @Inject
    Clock clock;

    @Inject
    HubConfig hub;

    @Inject
    CamelContext camel;

    @Inject
    MeterRegistry metrics;

    private final Map<Path, FileState> files = new TreeMap<>();
    private volatile boolean started;

    /** At start, once the department databases are bound: the routes files of the configuration folder. */
    public synchronized void load() {
        Path folder = folder();
        if (Files.isDirectory(folder)) {
            for (Path file : list(folder)) {
                try {
                    apply(file, read(file));
                } catch (Refused e) {
                    throw new StartupRefused("pdx.config-dir", file + ": " + e.getMessage());
                }
                LOG.infof("Node routes loaded from %s", file);
            }
        }
        this.started = true;
    }

    /** The routes files and what each gave. */
    public synchronized List<FileState> files() {
        return List.copyOf(files.values());
    }

    @Scheduled(every = "${pdx.routes.scan-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void reload() {
        if (!started) {
            return;
        }
        Path folder = folder();
        List<Path> present = Files.isDirectory(folder) ? list(folder) : List.of();
        for (Path file : present) {
            byte[] content;
            try {
                content = read(file);
            } catch (Refused e) {
                continue;
            }
            FileState before = files.get(file);
            if (before != null && before.hash().equals(hash(content))) {
                continue;
            }
            try {
                apply(file, content);
                metrics.counter("pdx.routes.reload", "outcome", "loaded").increment();
                LOG.infof("Node routes reloaded from %s: %s", file, files.get(file).routes());
            } catch (Refused e) {
                metrics.counter("pdx.routes.reload", "outcome", "refused").increment();
                List<String> running = before == null ? List.of() : before.routes();
                files.put(file, new FileState(file.getFileName().toString(), hash(content), running, "REFUSED", e.getMessage(), Instant.now(clock)));
                LOG.warnf("Node routes file %s refused, %s keep running: %s", file, running, e.getMessage());
            }
        }
        for (Path gone : new ArrayList<>(files.keySet())) {
            if (!present.contains(gone)) {
                remove(files.remove(gone).routes());
                LOG.infof("Node routes file %s removed, and its routes with it", gone);
            }
        }
    }

    /**
     * Adds the file's routes, each on the routes files' dead-letter channel whatever the file
     * says ({@link RouteFileCheck} refuses any error handling of its own), so that a failed step
     * is dead-lettered in the node's one format instead of being logged and lost.
     */
    private void addOnTheRouteFilesChannel(Resource resource) throws Exception {
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource)) {
            if (builder instanceof RouteBuilder routes) {
                routes.configureRoutes(camel);
                // A route that declares an errorHandler of its own (a redelivery policy with back-off, noErrorHandler for a
                // direct: step its caller handles) keeps what its author chose; every other one is on the channel.
                List<RouteDefinition> defined = routes.getRouteCollection().getRoutes();
                List<Boolean> declared = declaresErrorHandler(resource, defined.size());
                for (int i = 0; i < defined.size(); i++) {
                    defined.get(i).setRouteConfigurationId(DeadLetterChannel.ROUTE_FILES);
                    if (!declared.get(i)) {
                        defined.get(i).setErrorHandlerFactory(DeadLetterChannel.routeFilesHandler());
                    }
                }
            }
            camel.addRoutes(builder);
        }
    }

    /**
     * For each route of a routes file, in the order Camel defines them (one per {@code - route:} or
     * {@code - from:} item), whether the file gives it an {@code errorHandler}. Camel's model cannot
     * tell: a route without one holds the builder's default handler. Read from the file itself; if
     * its items do not match the routes one to one, none counts as declared, so all are on the channel.
     */
    private static List<Boolean> declaresErrorHandler(Resource resource, int routes) throws IOException {
        List<Boolean> declared = new ArrayList<>();
        try (InputStream in = resource.getInputStream()) {
            if (new Load(LoadSettings.builder().build()).loadFromInputStream(in) instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> m && m.get("route") instanceof Map<?, ?> route) {
                        declared.add(route.containsKey("errorHandler"));
                    } else if (item instanceof Map<?, ?> m && m.containsKey("from")) {
                        declared.add(false);
                    }
                }
            }
        }
        return declared.size() == routes ? declared : Collections.nCopies(routes, false);
    }

    /**
     * Reads and checks the file's routes before touching the running ones; then replaces them.
     * If Camel still fails to add the new routes, the old definitions are put back.
     */
    private void apply(Path file, byte[] content) {
        Resource resource = PluginHelper.getResourceLoader(camel).resolveResource("file:" + file.toAbsolutePath());
        check(resource, file.getFileName().toString());
        FileState before = files.get(file);
        List<String> old = before == null ? List.of() : before.routes();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        List<RouteDefinition> oldDefinitions = old.stream().map(model::getRouteDefinition).filter(d -> d != null).toList();
        remove(old);
        Set<String> others = routeIds();
        try {
            addOnTheRouteFilesChannel(resource);
        } catch (Exception e) {
            try {
                model.addRouteDefinitions(oldDefinitions);
            } catch (Exception restore) {
                LOG.errorf(restore, "Could not restore the routes %s of %s", old, file);
            }
            throw new Refused(rootMessage(e));
        }
        List<String> added = routeIds().stream().filter(id -> !others.contains(id)).sorted().toList();
        files.put(file, new FileState(file.getFileName().toString(), hash(content), added, "LOADED", null, Instant.now(clock)));
    }

    /**
     * Reads a routes file's content without adding anything, and holds it to the allowlist.
     *
     * @throws Refused naming the route and the step or endpoint that is not allowed
     */
    void check(Resource resource, String name) {
        try {
            try (InputStream in = resource.getInputStream()) {
                RouteFileCheck.checkShape(name, new Load(LoadSettings.builder().setLabel(name).build()).loadFromInputStream(in));
            }
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(resource)) {
                if (!(builder instanceof RouteBuilder rb)) {
                    throw new Refused("holds something other than routes (" + builder.getClass().getSimpleName() + ")");
                }
                RoutesDefinition routes = rb.configureRoutes(camel);
                int configurations = rb instanceof RouteConfigurationBuilder rcb && rcb.getRouteConfigurationCollection() != null
                        ? rcb.getRouteConfigurationCollection().getRouteConfigurations().size() : 0;
                RouteFileCheck.checkBuilderParts(name, rb.getBeans().size(), rb.getRestCollection().getRests().size(),
                        rb.getRouteTemplateCollection().getRouteTemplates().size(),
                        rb.getTemplatedRouteCollection().getTemplatedRoutes().size(), configurations);
                RouteFileCheck.check(camel, routes);
            }
        } catch (Refused e) {
            throw e;
        } catch (Exception e) {
            throw new Refused(rootMessage(e));
        }
    }

    private void remove(List<String> routeIds) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (String id : routeIds) {
            try {
                RouteDefinition definition = model.getRouteDefinition(id);
                if (definition != null) {
                    model.removeRouteDefinition(definition);
                }
                if (camel.getRoute(id) != null) {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                }
            } catch (Exception e) {
                LOG.warnf(e, "Could not remove route %s", id);
            }
        }
    }

    private Set<String> routeIds() {
        Set<String> ids = new HashSet<>();
        for (Route r : camel.getRoutes()) {
            ids.add(r.getRouteId());
        }
        return ids;
    }

    private Path folder() {
        return hub.configDir().resolve("routes");
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new StartupRefused("pdx.config-dir", "cannot read " + folder + ": " + e.getMessage());
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Refused("cannot read: " + e.getMessage());
        }
    }

    private static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /**
     * A file refused, and why. The reason may quote an endpoint with its password or token as the
     * file wrote it; it is shown on {@code GET /api/v1/routes}, logged and put in a start-up refusal,
     * so it is masked here, as Camel masks an endpoint's secrets in its own messages.
     */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(URISupport.sanitizeUri(message), null, false, false);
        }
    }
}
