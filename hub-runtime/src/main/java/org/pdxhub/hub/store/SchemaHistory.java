package org.pdxhub.hub.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the store's schema to the jar's migrations, and on a start where nothing changed does
 * no more than one read of Flyway's history. Flyway's validation (every migration resolved,
 * parsed and compared under its lock, then {@code info()}) is what costs at start; it is skipped
 * only when the history already holds exactly the jar's migrations, each applied successfully
 * with the checksum Flyway computes for the jar's file. Anything else (a new migration, a failed
 * one, an applied migration whose file was edited since, a history the read cannot make sense
 * of) goes through {@link Flyway#migrate()} with its validation, which stops the start naming
 * the migration.
 */
final class SchemaHistory {

    /** How the store came to its schema version, for the start-up log. */
    record Opened(String version, boolean validationSkipped) {
    }

    private static final Logger LOG = Logger.getLogger(SchemaHistory.class);
    private static final String VERSIONED_SQL = "V";
    private static final String HISTORY_CREATED = "TABLE";

    private SchemaHistory() {
    }

    static Opened open(Flyway flyway, DataSource dataSource) {
        Optional<MigrationVersion> unchanged = unchanged(flyway, dataSource);
        if (unchanged.isPresent()) {
            return new Opened(unchanged.get().getVersion(), true);
        }
        MigrateResult result = flyway.migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return new Opened(version == null ? "none" : version, false);
    }

    /** The schema's version when the history holds exactly the jar's migrations, unchanged; else empty. */
    static Optional<MigrationVersion> unchanged(Flyway flyway, DataSource dataSource) {
        Map<MigrationVersion, Integer> jar = jarMigrations(flyway);
        if (jar.isEmpty()) {
            LOG.debug("The jar's migrations could not be listed; Flyway validates the store");
            return Optional.empty();
        }
        Map<MigrationVersion, Integer> applied = new HashMap<>();
        String table = "\"" + flyway.getConfiguration().getTable() + "\"";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT \"version\", \"checksum\", \"success\", \"type\" FROM " + table)) {
            while (rows.next()) {
                String version = rows.getString(1);
                if (version == null && HISTORY_CREATED.equals(rows.getString(4))) {
                    continue; // Flyway's note that it created the history table: no migration
                }
                int checksum = rows.getInt(2);
                boolean noChecksum = rows.wasNull();
                // A failed or undone migration, a baseline or a repeatable one: Flyway judges those itself.
                if (version == null || noChecksum || !rows.getBoolean(3) || !"SQL".equals(rows.getString(4))
                        || applied.put(MigrationVersion.fromVersion(version), checksum) != null) {
                    LOG.debugf("The history holds version %s of type %s (success %s); Flyway validates the store", version,
                            rows.getString(4), rows.getBoolean(3));
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            LOG.debugf("Flyway's history could not be read (%s); Flyway validates the store", e.getMessage());
            // No history yet (a new store) or one of another shape: Flyway creates or reads it.
            return Optional.empty();
        }
        if (!applied.equals(jar)) {
            LOG.debugf("The history holds %d migrations, the jar %d, not all alike; Flyway validates the store", applied.size(), jar.size());
        }
        return applied.equals(jar) ? applied.keySet().stream().max(Comparator.naturalOrder()) : Optional.empty();
    }

    /** The jar's versioned SQL migrations and their checksums, computed as Flyway computes them. */
    private static Map<MigrationVersion, Integer> jarMigrations(Flyway flyway) {
        ResourceProvider resources = flyway.getConfiguration().getResourceProvider();
        Map<MigrationVersion, Integer> jar = new HashMap<>();
        if (resources == null) {
            return jar;
        }
        String separator = flyway.getConfiguration().getSqlMigrationSeparator();
        for (LoadableResource r : resources.getResources(VERSIONED_SQL, flyway.getConfiguration().getSqlMigrationSuffixes())) {
            String name = r.getFilename().substring(r.getFilename().lastIndexOf('/') + 1);
            int end = name.indexOf(separator);
            if (!name.startsWith(VERSIONED_SQL) || end <= VERSIONED_SQL.length()) {
                return Map.of();
            }
            jar.put(MigrationVersion.fromVersion(name.substring(VERSIONED_SQL.length(), end)), ChecksumCalculator.calculate(r));
        }
        return jar;
    }
}
