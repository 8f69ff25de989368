package org.pdxhub.hub.connector;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;
import org.pdxhub.connector.Connector;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.ConnectorOptions;
import org.pdxhub.connector.PositionStore;
import org.pdxhub.connector.RecordSink;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.exchange.DocumentExchange;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.hub.store.Sql;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The node's connector instances: every {@link Connector} bean on the class path is a kind; each
 * {@code pdx.connectors.<name>} entry is read once into its kind's options record and created at start
 * (a wrong key or value stops start-up, naming it), started once the node is up, stopped at shutdown.
 */
@ApplicationScoped
public class Connectors {

    private static final Logger LOG = Logger.getLogger(Connectors.class);
    static final String PREFIX = "pdx.connectors.";

    @Inject
    Clock clock;

    @Inject
    Instance<Connector<?>> kinds;

    @Inject
    ConnectorsConfig config;

    @Inject
    HubConfig hub;

    @Inject
    ExchangeService exchange;

    @Inject
    Catalog catalog;

    @Inject
    DocumentExchange documents;

    @Inject
    DeadLetters deadLetters;

    @Inject
    Sql sql;

    @Inject
    CamelContext camel;

    private final Map<String, ConnectorInstance> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<ScheduledPolls> pollers = Collections.synchronizedList(new ArrayList<>());

    /** After the node's own start-up (store, catalog, routes): the gate must be ready for the first batch. */
    public void start() {
        List<ConnectorInstance> instances = create(config.instances());
        for (ConnectorInstance instance : instances) {
            instance.start();
            running.put(instance.name(), instance);
            instance.pollEvery().ifPresent(every -> schedule(instance, every));
            LOG.infof("Connector %s (%s) started", instance.name(), instance.kind());
        }
    }

    /**
     * Polling is the runtime's, not each connector's: Camel's scheduled poll consumer per instance
     * ({@link ScheduledPolls}), with its back-off when the instance's source is down.
     */
    ScheduledPolls schedule(ConnectorInstance instance, Duration every) {
        ScheduledPolls polls = ScheduledPolls.start(camel, instance, every);
        pollers.add(polls);
        return polls;
    }

    void stop(@Observes ShutdownEvent stopping) {
        synchronized (pollers) {
            pollers.forEach(ScheduledPolls::stop);
        }
        synchronized (running) {
            for (ConnectorInstance instance : running.values()) {
                try {
                    instance.stop();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Connector %s did not stop cleanly", instance.name());
                }
            }
        }
    }

    /** The running instances, by name. */
    public List<ConnectorInstance> instances() {
        synchronized (running) {
            return List.copyOf(running.values());
        }
    }

    /** The kinds on the class path, by name. */
    public Map<String, Connector<?>> kinds() {
        Map<String, Connector<?>> byKind = new TreeMap<>();
        for (Connector<?> c : kinds) {
            Connector<?> other = byKind.put(c.kind(), c);
            if (other != null) {
                throw new StartupRefused(PREFIX + "*", "two connectors claim kind '" + c.kind() + "': "
                        + other.getClass().getName() + " and " + c.getClass().getName());
            }
        }
        return byKind;
    }

    /**
     * Checks every entry and creates its instance, none started.
     *
     * @throws StartupRefused naming {@code pdx.connectors.<name>.<key>} and what to change
     */
    public List<ConnectorInstance> create(Map<String, Map<String, String>> entries) {
        Map<String, Connector<?>> byKind = kinds();
        List<ConnectorInstance> created = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> entry : new TreeMap<>(entries).entrySet()) {
            String name = entry.getKey();
            Map<String, String> keys = new TreeMap<>(entry.getValue());
            String kind = keys.remove("kind");
            if (kind == null || kind.isBlank()) {
                throw new StartupRefused(PREFIX + name + ".kind", "missing: say which kind of connector this is, one of " + byKind.keySet());
            }
            Connector<?> connector = byKind.get(kind.trim());
            if (connector == null) {
                throw new StartupRefused(PREFIX + name + ".kind", "'" + kind + "' is not a connector kind on this node; known kinds: " + byKind.keySet());
            }
            try {
                created.add(create(connector, name, keys));
            } catch (ConnectorConfigException e) {
                throw new StartupRefused(PREFIX + name + "." + e.option(), e.getMessage());
            }
        }
        return created;
    }

    /** One read of the keys into the kind's options record (names, types, bounds), then the kind's own cross-checks. */
    private <O extends Record> ConnectorInstance create(Connector<O> connector, String name, Map<String, String> keys) {
        O options = ConnectorOptions.bind(connector.optionsType(), Collections.unmodifiableMap(keys));
        return connector.create(name, options, context(name));
    }

    private ConnectorContext context(String name) {
        RecordSink sink = new GateSink(exchange, catalog, documents, deadLetters, name);
        PositionStore positions = new StorePositions(sql, name, clock);
        return new ConnectorContext() {
            @Override
            public RecordSink sink() {
                return sink;
            }

            @Override
            public Path dataDir() {
                return hub.dataDir();
            }

            @Override
            public String nodeId() {
                return hub.node().id();
            }

            @Override
            public PositionStore positions() {
                return positions;
            }

            @Override
            public CamelContext camel() {
                return camel;
            }
        };
    }
}
