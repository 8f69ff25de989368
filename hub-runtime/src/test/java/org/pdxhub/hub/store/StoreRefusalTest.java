package org.pdxhub.hub.store;

import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.StartupRefused;

import java.nio.channels.ClosedByInterruptException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the store does not open, the operator is told the real cause, not pointed at a URL that is fine. */
class StoreRefusalTest {

    @Test
    void aStoreClosedByAnInterruptedThreadIsNotBlamedOnTheJdbcUrl() {
        var flyway = new IllegalStateException("Unable to obtain connection from database",
                new RuntimeException("IO Exception: \"java.nio.channels.ClosedByInterruptException\"", new ClosedByInterruptException()));
        StartupRefused refused = Store.refusal("h2", flyway);
        assertEquals("store", refused.key());
        assertTrue(refused.getMessage().contains("interrupted (ClosedByInterruptException)"), refused.getMessage());
        assertTrue(!refused.getMessage().contains("jdbc.url"), refused.getMessage());
    }

    @Test
    void aStoreHeldByAnotherProcessNamesTheDataFolder() {
        var flyway = new IllegalStateException("Unable to obtain connection", new RuntimeException(
                "Database may be already in use: \"/data/store/hub.mv.db\". Possible solutions: close all other connection(s)"));
        assertEquals("pdx.data-dir", Store.refusal("h2", flyway).key());
    }

    @Test
    void aStoreThatCannotBeReachedNamesItsJdbcUrl() {
        var flyway = new IllegalStateException("Unable to obtain connection", new RuntimeException("Connection refused"));
        StartupRefused refused = Store.refusal("postgresql", flyway);
        assertEquals("quarkus.datasource.pg.jdbc.url", refused.key());
        assertTrue(refused.getMessage().endsWith("Connection refused"), refused.getMessage());
    }
}
