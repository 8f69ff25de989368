package org.pdxhub.connector.jdbc;

import org.junit.jupiter.api.Test;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.ConnectorOptions;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jdbc kind's options are read once from their declarations: every fault names its key and says what to write. */
class JdbcOptionsTest {

    static Map<String, String> good(String... more) {
        Map<String, String> keys = new HashMap<>(Map.of("url", "jdbc:h2:mem:x", "table", "t", "position-column", "id", "resource", "R",
                "person", "p", "purpose", "q"));
        for (int i = 0; i < more.length; i += 2) {
            keys.put(more[i], more[i + 1]);
        }
        return keys;
    }

    static ConnectorConfigException refused(Map<String, String> keys) {
        return assertThrows(ConnectorConfigException.class, () -> ConnectorOptions.bind(JdbcOptions.class, keys));
    }

    @Test
    void aBatchSizeBeyondAnIntIsRefusedNamingTheKeyNotANumberFormatException() {
        ConnectorConfigException e = refused(good("batch-size", "3000000000"));
        assertEquals("batch-size", e.option());
        assertTrue(e.getMessage().contains("3000000000") && e.getMessage().contains("1 to 100000"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeOrOutOfBoundsNamesItsKey() {
        assertEquals("batch-size", refused(good("batch-size", "lots")).option());
        assertEquals("batch-size", refused(good("batch-size", "0")).option());
        assertEquals("batch-size", refused(good("batch-size", "100001")).option());
        assertEquals("poll", refused(good("poll", "often")).option());
        assertEquals("poll", refused(good("poll", "10ms")).option());
    }

    @Test
    void anUnknownOrMissingKeyIsNamed() {
        ConnectorConfigException unknown = refused(good("batchsize", "5"));
        assertEquals("batchsize", unknown.option());
        assertTrue(unknown.getMessage().contains("batch-size"), "lists the known options: " + unknown.getMessage());
        Map<String, String> missing = good();
        missing.remove("table");
        assertEquals("table", refused(missing).option());
    }

    @Test
    void defaultsComeFromTheDeclarations() {
        JdbcOptions options = ConnectorOptions.bind(JdbcOptions.class, good());
        assertEquals(500, options.batchSize());
        assertEquals(Duration.ofSeconds(5), options.poll());
        assertTrue(!options.toString().contains("password=") || options.password() == null);
    }

    @Test
    void thePasswordNeverShowsInTheOptionsRecord() {
        JdbcOptions options = ConnectorOptions.bind(JdbcOptions.class, good("password", "hunter2"));
        assertTrue(!options.toString().contains("hunter2"), options.toString());
    }
}
