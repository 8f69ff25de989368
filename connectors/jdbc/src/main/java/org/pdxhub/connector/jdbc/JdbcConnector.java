package org.pdxhub.connector.jdbc;

import jakarta.inject.Singleton;
import org.pdxhub.connector.Connector;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.OptionSpec;
import org.pdxhub.connector.OptionSpec.Type;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rows of a department database table whose position column is past the stored position, in
 * that column's order, in batches through the gate; the position is stored after the node took
 * each batch, so a restart neither skips nor repeats rows. The position column must be unique
 * and only grow (an id, a sequence, a change number).
 */
@Singleton
public class JdbcConnector implements Connector {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("url", Type.STRING, "JDBC URL of the department database (its driver must be on the class path)"),
            OptionSpec.optional("user", Type.STRING, "", "Database user; read access to the table is enough"),
            OptionSpec.optional("password", Type.SECRET, "", "Database password"),
            OptionSpec.required("table", Type.STRING, "Table or view to read, optionally schema-qualified"),
            OptionSpec.required("position-column", Type.STRING, "Unique, only-growing column the rows are read in order of"),
            OptionSpec.required("resource", Type.STRING, "Catalog code of the resource the rows belong to"),
            OptionSpec.required("person", Type.STRING, "Who sends, for the usage log"),
            OptionSpec.required("purpose", Type.STRING, "Why, for the usage log"),
            OptionSpec.optional("poll", Type.DURATION, "5s", "How often the table is read"),
            OptionSpec.optional("batch-size", Type.INTEGER, "500", "Rows per batch sent through the gate"));

    @Override
    public String kind() {
        return "jdbc";
    }

    @Override
    public String description() {
        return "Rows of a database table past a stored position, through the gate";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public ConnectorInstance create(String name, Map<String, String> options, ConnectorContext ctx) {
        String url = options.get("url");
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new ConnectorConfigException("url", "no JDBC driver on the class path takes '" + url.replaceAll("password=[^;&]*", "password=***") + "'");
        }
        for (String option : List.of("table", "position-column")) {
            if (!IDENTIFIER.matcher(options.get(option)).matches()) {
                throw new ConnectorConfigException(option, "'" + options.get(option) + "' is not a plain SQL name (letters, digits, _; schema.table)");
            }
        }
        int batchSize = Integer.parseInt(options.get("batch-size"));
        if (batchSize < 1 || batchSize > 100_000) {
            throw new ConnectorConfigException("batch-size", "must be between 1 and 100000, not " + batchSize);
        }
        Duration poll = OptionSpec.parseDuration(options.get("poll"));
        return new JdbcTable(name, url, options.getOrDefault("user", ""), options.getOrDefault("password", ""), options.get("table"),
                options.get("position-column"), options.get("resource"), options.get("person"), options.get("purpose"), poll, batchSize,
                ctx.sink(), ctx.positions());
    }
}
