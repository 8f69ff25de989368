package org.pdxhub.connector.jdbc;

import jakarta.inject.Singleton;
import org.pdxhub.connector.Connector;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.OptionSpec;
import org.pdxhub.connector.ConnectorOptions;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rows of a department database table whose position column is past the stored position, in
 * that column's order, in batches through the gate; the position is stored after the node took
 * each batch, so a restart neither skips nor repeats rows. The position column must be unique
 * and only grow (an id, a sequence, a change number).
 */
@Singleton
public class JdbcConnector implements Connector<JdbcOptions> {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    /** The options as declared, for tests and listings. */
    static final List<OptionSpec> OPTIONS = ConnectorOptions.describe(JdbcOptions.class);

    @Override
    public String kind() {
        return "jdbc";
    }

    @Override
    public String description() {
        return "Rows of a database table past a stored position, through the gate";
    }

    @Override
    public Class<JdbcOptions> optionsType() {
        return JdbcOptions.class;
    }

    @Override
    public ConnectorInstance create(String name, JdbcOptions options, ConnectorContext ctx) {
        String url = options.url();
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new ConnectorConfigException("url", "no JDBC driver on the class path takes '" + url.replaceAll("password=[^;&]*", "password=***") + "'");
        }
        if (!IDENTIFIER.matcher(options.table()).matches()) {
            throw new ConnectorConfigException("table", "'" + options.table() + "' is not a plain SQL name (letters, digits, _; schema.table)");
        }
        if (!IDENTIFIER.matcher(options.positionColumn()).matches()) {
            throw new ConnectorConfigException("position-column", "'" + options.positionColumn() + "' is not a plain SQL name (letters, digits, _)");
        }
        return new JdbcTable(name, url, nonNull(options.user()), nonNull(options.password()), options.table(), options.positionColumn(),
                options.resource(), options.person(), options.purpose(), options.poll(), options.batchSize(), ctx.sink(), ctx.positions());
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
