package org.pdxhub.connector.jdbc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.PositionStore;
import org.pdxhub.connector.RecordSink;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The connector against a real database (H2; PostgreSQL when PDX_TEST_PG_URL is set), with a sink
 * that records what it is handed and positions in a map (the node's store-backed positions are
 * tested in hub-runtime's ConnectorsTest).
 */
class JdbcConnectorTest {

    String url = "jdbc:h2:mem:dept-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    String user = "";
    String table = "registrations";

    final List<String> ids = new ArrayList<>();
    final List<String> messageIds = new ArrayList<>();
    final java.util.Set<String> sentKeys = new java.util.TreeSet<>();
    final Map<String, String> stored = new ConcurrentHashMap<>();
    RuntimeException failNext;

    final RecordSink sink = (code, records, person, purpose, messageId) -> {
        if (failNext != null) {
            RuntimeException e = failNext;
            failNext = null;
            throw e;
        }
        records.forEach(r -> ids.add(((String) r.get("name")).substring("name".length())));
        records.forEach(r -> sentKeys.addAll(r.keySet()));
        messageIds.add(messageId);
        return new RecordSink.Accepted(messageId, records.size(), 0);
    };

    final PositionStore positions = new PositionStore() {
        public Optional<String> get(String key) {
            return Optional.ofNullable(stored.get(key));
        }

        public void put(String key, String value) {
            stored.put(key, value);
        }
    };

    @BeforeEach
    void table() throws Exception {
        sql("create table " + table + " (id bigint primary key, name varchar(50), registered date)");
    }

    void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    void rows(int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            sql("insert into " + table + " values (" + i + ", 'name" + i + "', date '2026-11-" + String.format("%02d", 1 + i % 28) + "')");
        }
    }

    JdbcTable instance(Map<String, String> overrides) {
        Map<String, String> options = new HashMap<>(Map.of("url", url, "user", user, "password", "", "table", table,
                "position-column", "id", "resource", "GZ-TEST", "person", "p", "purpose", "q", "poll", "5s", "batch-size", "2"));
        options.putAll(overrides);
        return (JdbcTable) new JdbcConnector().create("dept", options, new ConnectorContext() {
            public RecordSink sink() {
                return sink;
            }

            public Path dataDir() {
                return Path.of("target");
            }

            public String nodeId() {
                return "test";
            }

            public PositionStore positions() {
                return positions;
            }
        });
    }

    @Test
    void rowsAreSentInPositionOrderInBatchesAndThePositionKept() throws Exception {
        rows(1, 5);
        instance(Map.of()).poll();
        assertEquals(List.of("1", "2", "3", "4", "5"), ids);
        assertEquals(3, messageIds.size(), "5 rows in batches of 2");
        assertEquals("5", stored.get(JdbcTable.POSITION));
        assertEquals(java.util.Set.of("name", "registered"), sentKeys, "the position column is bookkeeping, not sent");
    }

    @Test
    void aRestartNeitherSkipsNorRepeatsRows() throws Exception {
        rows(1, 3);
        instance(Map.of()).poll();
        rows(4, 6);
        instance(Map.of()).poll();
        instance(Map.of()).poll();
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), ids);
    }

    @Test
    void aBatchTheNodeDidNotTakeIsSentAgainWithTheSameMessageId() throws Exception {
        rows(1, 4);
        JdbcTable jdbc = instance(Map.of());
        jdbc.poll();
        List<String> first = List.copyOf(messageIds);
        ids.clear();
        messageIds.clear();
        stored.clear();
        failNext = new IllegalStateException("broker down");
        jdbc.poll();
        assertEquals(List.of(), ids, "nothing taken, position not moved");
        assertEquals(Optional.empty(), positions.get(JdbcTable.POSITION));
        jdbc.poll();
        assertEquals(List.of("1", "2", "3", "4"), ids);
        assertEquals(first, messageIds, "the same rows, the same message ids: the node lands them once");
    }

    @Test
    void aTableNameThatIsNotAPlainNameIsRefusedNamingTheOption() {
        assertEquals("table", assertThrows(ConnectorConfigException.class,
                () -> instance(Map.of("table", "t; drop table x"))).option());
        assertEquals("url", assertThrows(ConnectorConfigException.class,
                () -> instance(Map.of("url", "jdbc:nosuchdb://x"))).option());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "PDX_TEST_PG_URL", matches = "jdbc:postgresql:.+")
    void onPostgresqlTooARestartNeitherSkipsNorRepeats() throws Exception {
        url = System.getenv("PDX_TEST_PG_URL");
        user = "pdx";
        table = "dept_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        table();
        try {
            rows(1, 3);
            instance(Map.of()).poll();
            rows(4, 5);
            instance(Map.of()).poll();
            assertEquals(List.of("1", "2", "3", "4", "5"), ids);
        } finally {
            sql("drop table " + table);
        }
    }
}
