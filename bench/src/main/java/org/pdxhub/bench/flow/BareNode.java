package org.pdxhub.bench.flow;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The floors the node is compared with, in a JVM of their own as the node is: an embedded Artemis
 * configured as the node's {@code EmbeddedBroker} configures its own (persistent NIO journal,
 * CORE and AMQP on loopback, in-VM for the routes, ANYCAST addresses), and a bare Camel route that
 * moves each message from {@value #IN} to {@value #OUT} in one local JMS transaction, with the
 * node's kind of connection factory and the node's camel-jms settings, and no gate. {@value #DIRECT} is for
 * Artemis alone: nothing consumes it but the harness.
 * <p>
 * Usage: {@code BareNode DATA_DIR CORE_PORT AMQP_PORT}; prints {@value #READY} once it takes messages.
 */
public final class BareNode {

    static final String IN = "bench.in";
    static final String OUT = "bench.out";
    static final String DIRECT = "bench.direct";
    static final String READY = "BARE NODE READY";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Configuration cfg = new ConfigurationImpl()
                .setName("bench-bare")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dir.toString())
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false);
        cfg.addAcceptorConfiguration("in-vm", "vm://0");
        cfg.addAcceptorConfiguration("core", "tcp://127.0.0.1:" + args[1] + "?protocols=CORE");
        cfg.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + args[2] + "?protocols=AMQP");
        cfg.addAddressSetting("bench.#", new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setMaxDeliveryAttempts(5));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(cfg);
        broker.start();

        CamelContext camel = new DefaultCamelContext();
        JmsComponent jms = JmsComponent.jmsComponent(new ActiveMQConnectionFactory("vm://0"));
        // The node's settings (application.properties): local session transactions, cached consumers.
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        jms.getConfiguration().setCacheLevelName("CACHE_CONSUMER");
        camel.addComponent("jms", jms);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + IN + "?transacted=true").routeId("bench-bare")
                        .to("jms:queue:" + OUT);
            }
        });
        camel.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                camel.stop();
                broker.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        System.out.println(READY);
        System.out.flush();
        stopped.await();
    }

    private BareNode() {
    }
}
