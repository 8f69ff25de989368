package org.pdxhub.connector.jdbc;

import org.pdxhub.connector.Option;

import java.time.Duration;

/** The options of a {@code jdbc} connector instance, {@code pdx.connectors.<name>.<option>}. */
public record JdbcOptions(
        @Option(name = "url", required = true, description = "JDBC URL of the department database (its driver must be on the class path)")
        String url,
        @Option(name = "user", description = "Database user; read access to the table is enough")
        String user,
        @Option(name = "password", secret = true, description = "Database password")
        String password,
        @Option(name = "table", required = true, description = "Table or view to read, optionally schema-qualified")
        String table,
        @Option(name = "position-column", required = true, description = "Unique, only-growing column the rows are read in order of")
        String positionColumn,
        @Option(name = "resource", required = true, description = "Catalog code of the resource the rows belong to")
        String resource,
        @Option(name = "person", required = true, description = "Who sends, for the usage log")
        String person,
        @Option(name = "purpose", required = true, description = "Why, for the usage log")
        String purpose,
        @Option(name = "poll", defaultValue = "5s", min = 100, description = "How often the table is read")
        Duration poll,
        @Option(name = "batch-size", defaultValue = "500", min = 1, max = 100_000, description = "Rows per batch sent through the gate")
        int batchSize) {

    @Override
    public String toString() {
        // The password never reaches a log line through this record.
        return "JdbcOptions[table=" + table + ", resource=" + resource + ", poll=" + poll + ", batchSize=" + batchSize + "]";
    }
}
