package org.pdxhub.hub.store;

import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.StartupRefused;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start skips Flyway's validation only when the store's history holds exactly the jar's
 * migrations as they are; an applied migration edited since (seen by Flyway as its checksum no
 * longer matching the history's) still stops the start, naming the migration.
 */
@QuarkusTest
class SchemaHistoryTest {

    @Inject
    Store store;

    @Inject
    @FlywayDataSource("h2")
    Flyway flyway;

    @Test
    void aStartOnAStoreWhoseHistoryIsTheJarsMigrationsSkipsValidationAtTheJarsLastVersion() throws Exception {
        var opened = SchemaHistory.open(flyway, store.dataSource());
        assertTrue(opened.validationSkipped(), "nothing changed since the node's own start, yet Flyway validated again");
        assertEquals(lastMigrationInTheJar(), opened.version());
        assertEquals(store.schemaVersion(), opened.version());
    }

    @Test
    void anAppliedMigrationEditedSinceStopsTheStartNamingItAndNotTheJdbcUrl() throws SQLException {
        editedSinceApplied(3, +1);
        try {
            assertTrue(SchemaHistory.unchanged(flyway, store.dataSource()).isEmpty(), "an edited migration was taken as unchanged");
            var invalid = assertThrows(FlywayValidateException.class, () -> SchemaHistory.open(flyway, store.dataSource()));
            StartupRefused refused = Store.refusal("h2", invalid);
            assertEquals("store", refused.key());
            assertTrue(refused.getMessage().contains("checksum mismatch for migration version 3"), refused.getMessage());
            assertTrue(refused.getMessage().contains("must not be edited"), refused.getMessage());
        } finally {
            editedSinceApplied(3, -1);
        }
        assertTrue(SchemaHistory.unchanged(flyway, store.dataSource()).isPresent());
    }

    /** What Flyway sees when a migration's file changed after it was applied: a checksum that is not the file's. */
    private void editedSinceApplied(int version, int change) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + " + change
                    + " WHERE \"version\" = '" + version + "'"));
        }
    }

    private static String lastMigrationInTheJar() throws IOException, URISyntaxException {
        Path folder = Path.of(SchemaHistoryTest.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return String.valueOf(files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow());
        }
    }
}
