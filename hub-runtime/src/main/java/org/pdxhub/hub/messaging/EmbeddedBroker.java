package org.pdxhub.hub.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.jboss.logging.Logger;
import org.pdxhub.broker.ValidatedSender;
import org.pdxhub.hub.node.DataFolder;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The embedded Artemis broker of a single-machine node: persistent journal under the data
 * folder, CORE and AMQP 1.0 acceptors on loopback for department systems (plain, TLS with
 * client certificates, or both: {@link BrokerTlsConfig}), and an in-VM acceptor for the node's
 * own routes. Security is on: who may connect and what each
 * organisation may do on which address is {@link BrokerSecurity}'s to say. The network acceptors
 * stay closed until the store is open ({@link BrokerAcceptors}), because every login is checked
 * against it.
 * <p>
 * Started from {@code @PostConstruct}, on a thread of its own as soon as Camel begins to boot,
 * beside the store and the cluster member (the start-up's {@code Foundations}); Camel starts its
 * routes, JMS consumers among them, before Quarkus fires {@code StartupEvent}, and only once the
 * broker is up.
 */
@Singleton
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);

    /** The in-VM acceptor; the node's own routes connect here, not over TCP. */
    public static final String IN_VM_URL = "vm://0";

    /**
     * The node's own clients send a message of up to this size as one journal record. A file's
     * batch of 500 records is about 115 KB of JSON; under Artemis's default of 100 KiB every such
     * batch was written, synced and read back as a file of its own in {@code broker/large-messages}.
     * Larger messages still go there. The limit stays under the NIO journal's buffer (490 KiB),
     * which a record must fit.
     */
    public static final int NODE_MIN_LARGE_MESSAGE_SIZE = 256 * 1024;

    /**
     * Deliveries of a message before the broker moves it to {@code pdx.dlq}; an external broker is
     * configured the same ({@code deploy/artemis/broker.xml}), so that the node's consumer knows a last delivery there too.
     */
    public static final int MAX_DELIVERY_ATTEMPTS = 5;

    /** The smallest journal file the node accepts ({@code pdx.broker.journal-file-size}). */
    static final int MIN_JOURNAL_FILE_SIZE = 1024 * 1024;

    /** The largest: a file is read into one buffer at start. */
    static final int MAX_JOURNAL_FILE_SIZE = 1024 * 1024 * 1024;

    /** The in-VM acceptor as the node's own clients reach it (see {@link #NODE_MIN_LARGE_MESSAGE_SIZE}). */
    public static final String NODE_CLIENT_URL = IN_VM_URL + "?minLargeMessageSize=" + NODE_MIN_LARGE_MESSAGE_SIZE;

    @Inject
    HubConfig config;

    @Inject
    DataFolder dataFolder;

    @Inject
    Instance<BrokerExtension> extensions;

    @Inject
    BrokerSecurity security;

    @Inject
    BrokerTlsConfig tls;

    private EmbeddedActiveMQ broker;

    @PostConstruct
    void start() {
        HubConfig.Broker b = config.broker();
        if (!b.embedded()) {
            String url = JmsConnectionFactoryProducer.externalUrl(config);
            security.externalNodeUser(BrokerStampCheck.nodeUser(url));
            LOG.infof("Broker: external, %s; it stamps each message's sender", JmsConnectionFactoryProducer.withoutSecrets(url));
            extensions.forEach(BrokerExtension::external);
            return;
        }
        if (!tls.enabled() && !tls.plainAcceptors()) {
            throw new StartupRefused("pdx.broker.tls.plain-acceptors", "with neither TLS (pdx.broker.tls.enabled) nor plain acceptors"
                    + " no department system could connect: enable TLS or keep the plain acceptors");
        }
        boolean plain = !tls.enabled() || tls.plainAcceptors();
        if (plain) {
            requireFree(b.host(), b.corePort(), "pdx.broker.core-port");
            requireFree(b.host(), b.amqpPort(), "pdx.broker.amqp-port");
        }
        if (tls.enabled()) {
            BrokerTls.requireServerStores(tls);
            requireFree(b.host(), tls.corePort(), "pdx.broker.tls.core-port");
            requireFree(b.host(), tls.amqpPort(), "pdx.broker.tls.amqp-port");
        }
        int journalFileSize = journalFileSize(b);
        Path dir = dataFolder.resolve("broker");
        Configuration cfg = persistence(dir, journalFileSize)
                .setName(config.node().id())
                .setSecurityEnabled(true)
                // Rights and keys are looked up again after 10 s: a revoked key or a retired resource stops there.
                .setSecurityInvalidationInterval(10_000)
                .setPopulateValidatedUser(true)
                // Every login reaches BrokerSecurity, so that failed ones are counted and a locked-out
                // user is refused even with a key Artemis would otherwise remember as good.
                .setAuthenticationCacheSize(0)
                .setClusterPassword(security.clusterPassword())
                .setJMXManagementEnabled(false);
        cfg.registerBrokerPlugin(new ValidatedSender());
        try {
            cfg.addAcceptorConfiguration("in-vm", IN_VM_URL);
            if (plain) {
                // Logins are checked against the store: the network acceptors open once it is (BrokerAcceptors).
                cfg.addAcceptorConfiguration("core", "tcp://" + b.host() + ":" + b.corePort() + "?protocols=CORE;autoStart=false");
                cfg.addAcceptorConfiguration("amqp", "tcp://" + b.host() + ":" + b.amqpPort() + "?protocols=AMQP;autoStart=false");
            }
            if (tls.enabled()) {
                cfg.addAcceptorConfiguration(BrokerTls.acceptor("core-tls", b.host(), tls.corePort(), "CORE", tls));
                cfg.addAcceptorConfiguration(BrokerTls.acceptor("amqp-tls", b.host(), tls.amqpPort(), "AMQP", tls));
            }
        } catch (StartupRefused e) {
            throw e;
        } catch (Exception e) {
            throw new StartupRefused("pdx.broker.host", "cannot configure the broker's acceptors: " + e.getMessage());
        }
        addressSettings(cfg);
        extensions.forEach(e -> e.configure(cfg, tls));
        broker = new EmbeddedActiveMQ().setConfiguration(cfg).setSecurityManager(security);
        try {
            broker.start();
            // Where refused and expired messages go exists from the start, so that it can be read
            // (browsed, replayed) before the first refusal, and no client can create it first.
            for (String own : new String[]{Addresses.DEAD_LETTER, Addresses.EXPIRED}) {
                broker.getActiveMQServer().createQueue(QueueConfiguration.of(own).setAddress(own).setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true).setAutoCreateAddress(true), true);
            }
        } catch (Exception e) {
            throw new StartupRefused("pdx.broker", "the embedded broker did not start: " + e.getMessage());
        }
        if (plain) {
            LOG.infof("Broker: embedded Artemis, CORE on %s:%d, AMQP on %s:%d, journal %s",
                    b.host(), b.corePort(), b.host(), b.amqpPort(), dir);
        }
        if (tls.enabled()) {
            LOG.infof("Broker: TLS acceptors, CORE on %s:%d, AMQP on %s:%d, client certificates %s%s",
                    b.host(), tls.corePort(), b.host(), tls.amqpPort(), tls.clientAuth().name().toLowerCase(Locale.ROOT),
                    plain ? "" : "; no plain acceptor");
            if (plain && !loopback(b.host())) {
                LOG.warnf("Broker: plain acceptors listen on %s next to the TLS ones, so keys can travel in clear;"
                        + " set pdx.broker.tls.plain-acceptors=false (deploy/PRODUCTION.md)", b.host());
            }
        }
    }

    /**
     * What the node relies on of its broker's addresses, embedded or external: an external broker's
     * example, {@code deploy/artemis/broker.xml}, says the same (ExternalBrokerXmlTest holds it to this).
     */
    static void addressSettings(Configuration cfg) {
        cfg.addAddressSetting("pdx.#", pointToPoint());
        // The node's inbound consumer waits after a rollback itself: a delay here would hand the
        // rolled-back messages back after newer ones, and a record's versions would pass out of order.
        cfg.addAddressSetting("pdx.in.#", pointToPoint().setRedeliveryDelay(0));
        // The broker drops what it moves to a dead-letter address without a queue: declare it.
        cfg.addQueueConfiguration(QueueConfiguration.of(Addresses.DEAD_LETTER).setRoutingType(RoutingType.ANYCAST));
    }

    /**
     * Hub addresses are point to point: auto-created as ANYCAST, because a MULTICAST address
     * with no subscriber yet drops what is sent to it. A message that keeps failing goes to
     * {@code pdx.dlq} after five attempts with back-off.
     */
    private static AddressSettings pointToPoint() {
        return new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setDeadLetterAddress(SimpleString.of(Addresses.DEAD_LETTER))
                .setExpiryAddress(SimpleString.of(Addresses.EXPIRED))
                .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
                .setRedeliveryDelay(200)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(5_000);
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Where and how the broker keeps what it accepted: an NIO journal of {@code journalFileSize}
     * files, bindings, paging and large messages, all under {@code dir}.
     */
    static Configuration persistence(Path dir, int journalFileSize) {
        return new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalFileSize(journalFileSize)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dir.toString());
    }

    /**
     * The journal's file size, refused below {@link #MIN_JOURNAL_FILE_SIZE}: the NIO journal's write
     * buffer (490 KiB), and so a record of up to {@link #NODE_MIN_LARGE_MESSAGE_SIZE}, must fit in one file.
     * Files made under another size are kept and read as they are; new ones take this size.
     */
    static int journalFileSize(HubConfig.Broker b) {
        long size = b.journalFileSize().asLongValue();
        if (size < MIN_JOURNAL_FILE_SIZE || size > MAX_JOURNAL_FILE_SIZE) {
            throw new StartupRefused("pdx.broker.journal-file-size", "is " + size + " bytes; give a size from 1M to 1G"
                    + " (a journal record, up to the 490 KiB write buffer, must fit in one file)");
        }
        return (int) size;
    }

    private static void requireFree(String host, int port, String key) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new StartupRefused(key, "port " + port + " on " + host + " is taken by another process: choose a free one");
        }
    }

    public boolean isEmbedded() {
        return broker != null;
    }

    public ActiveMQServer server() {
        return broker == null ? null : broker.getActiveMQServer();
    }

    /** Whether the broker takes a message now, as far as the node can tell without sending one. */
    public enum Intake {
        /** Not embedded: not the node's to ask. */
        EXTERNAL,
        TAKES,
        /** Stopped: a critical I/O error on its journal (its folder removed, a failed disk), or the node stopping. */
        STOPPED,
        /** Its disk past {@code max-disk-usage}: running, but blocking every producer until there is room. */
        DISK_FULL
    }

    public Intake intake() {
        if (broker == null) {
            return Intake.EXTERNAL;
        }
        ActiveMQServer server = broker.getActiveMQServer();
        if (!server.isActive()) {
            return Intake.STOPPED;
        }
        var paging = server.getPagingManager();
        return paging != null && paging.isDiskFull() ? Intake.DISK_FULL : Intake.TAKES;
    }

    @PreDestroy
    void stop() {
        if (broker != null) {
            try {
                broker.stop();
            } catch (Exception e) {
                LOG.warn("Broker did not stop cleanly", e);
            }
        }
    }
}
