package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator who upgrades a node whose journal was written in Artemis's 10 MiB files, or who
 * changes {@code pdx.broker.journal-file-size}, loses nothing: the files already there are read
 * at their own size, new ones take the new size, and messages in either come back whole. A file
 * of another size that holds no live record any more is set aside in {@code journal/attic} by
 * Artemis (with a warning), not reused. Also:
 * a record as large as the node's clients send (just under 256 KiB) fits the smallest size allowed.
 * The broker here is Artemis itself, with the node's persistence ({@link EmbeddedBroker#persistence}).
 */
class JournalFileSizeChangeTest {

    private static final String QUEUE = "pdx.test.journal-size";
    private static final int MIB = 1024 * 1024;
    /** Not the node's vm://0: a @QuarkusTest node may be running in this JVM. */
    private static final String IN_VM = "vm://4711";
    private static final String CLIENT = IN_VM + "?minLargeMessageSize=" + EmbeddedBroker.NODE_MIN_LARGE_MESSAGE_SIZE;

    @Test
    void messagesJournaledUnderOneFileSizeAreReadWholeUnderAnother(@TempDir Path data) throws Exception {
        EmbeddedActiveMQ broker = start(data, 10 * MIB);
        send(0, 300, 4 * 1024);
        broker.stop();
        assertEquals(Set.of((long) 10 * MIB), journalFileSizes(data), "written in Artemis's default 10 MiB files");

        broker = start(data, 2 * MIB);
        receive(0, 100, 4 * 1024);
        // Enough to fill more than one new file, so that some records lie in files of the new size.
        send(300, 1_000, 4 * 1024);
        broker.stop();
        Set<Long> sizes = journalFileSizes(data);
        assertTrue(sizes.contains((long) 2 * MIB), () -> "new files take the new size: " + sizes);

        broker = start(data, EmbeddedBroker.MIN_JOURNAL_FILE_SIZE);
        receive(100, 1_000, 4 * 1024);
        assertNothingLeft();
        broker.stop();
        Set<Long> setAside = fileSizes(data.resolve("journal/attic"));
        assertTrue(Set.of((long) 10 * MIB, (long) 2 * MIB).containsAll(setAside),
                () -> "only files of the earlier sizes are set aside: " + setAside);
    }

    @Test
    void aRecordAsLargeAsTheNodesClientsSendFitsTheSmallestFileAllowed(@TempDir Path data) throws Exception {
        EmbeddedActiveMQ broker = start(data, EmbeddedBroker.MIN_JOURNAL_FILE_SIZE);
        int justUnderLarge = EmbeddedBroker.NODE_MIN_LARGE_MESSAGE_SIZE - 4 * 1024;
        send(0, 12, justUnderLarge);
        broker.stop();

        broker = start(data, EmbeddedBroker.MIN_JOURNAL_FILE_SIZE);
        receive(0, 12, justUnderLarge);
        assertNothingLeft();
        broker.stop();
        try (Stream<Path> large = Files.list(data.resolve("large-messages"))) {
            assertTrue(large.findAny().isEmpty(), "each was a journal record, none a large-message file");
        }
    }

    private static EmbeddedActiveMQ start(Path data, int journalFileSize) throws Exception {
        Configuration cfg = EmbeddedBroker.persistence(data, journalFileSize)
                .setName("journal-size").setSecurityEnabled(false).setJMXManagementEnabled(false);
        cfg.addAcceptorConfiguration("in-vm", IN_VM);
        cfg.addQueueConfiguration(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(cfg);
        broker.start();
        return broker;
    }

    private static void send(int from, int to, int size) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(CLIENT);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(false, false);
             ClientProducer producer = session.createProducer(QUEUE)) {
            for (int i = from; i < to; i++) {
                ClientMessage m = session.createMessage(true);
                m.getBodyBuffer().writeBytes(body(i, size));
                producer.send(m);
                if (i % 50 == 49) {
                    session.commit();
                }
            }
            session.commit();
        }
    }

    private static void receive(int from, int to, int size) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(CLIENT);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(false, false);
             ClientConsumer consumer = session.createConsumer(QUEUE)) {
            session.start();
            for (int i = from; i < to; i++) {
                ClientMessage m = consumer.receive(10_000);
                assertNotNull(m, "message " + i + " after the restart");
                byte[] read = new byte[m.getBodyBuffer().readableBytes()];
                m.getBodyBuffer().readBytes(read);
                assertArrayEquals(body(i, size), read, "message " + i + " whole and in order");
                m.acknowledge();
            }
            session.commit();
        }
    }

    private static void assertNothingLeft() throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(CLIENT);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(false, false);
             ClientConsumer consumer = session.createConsumer(QUEUE)) {
            session.start();
            assertNull(consumer.receive(200), "every message was read once, none twice");
        }
    }

    private static byte[] body(int index, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) ('a' + index % 26));
        b[0] = (byte) (index >> 24);
        b[1] = (byte) (index >> 16);
        b[2] = (byte) (index >> 8);
        b[3] = (byte) index;
        return b;
    }

    private static Set<Long> journalFileSizes(Path data) throws IOException {
        return fileSizes(data.resolve("journal"));
    }

    private static Set<Long> fileSizes(Path folder) throws IOException {
        Set<Long> sizes = new TreeSet<>();
        if (!Files.isDirectory(folder)) {
            return sizes;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".amq")).toList()) {
                sizes.add(Files.size(f));
            }
        }
        return sizes;
    }
}
