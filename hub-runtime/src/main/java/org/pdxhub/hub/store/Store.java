package org.pdxhub.hub.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.security.SimplePassword;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.h2.Driver;
import org.jboss.logging.Logger;
import org.pdxhub.hub.node.DataFolder;
import org.pdxhub.hub.node.StartupRefused;

import java.nio.channels.ClosedByInterruptException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The store of record. Two datasources are built in, because a datasource's kind is fixed at
 * build time: {@code h2} (a file under the data folder, the default) and {@code pg}
 * (PostgreSQL). Exactly one is active ({@code quarkus.datasource.pg.active=true} together with
 * {@code quarkus.datasource.h2.active=false} selects PostgreSQL). The same Flyway migrations run
 * on both; they run here, after the data folder is checked, rather than at Quarkus start.
 */
@Singleton
public class Store {

    private static final Logger LOG = Logger.getLogger(Store.class);

    @Inject
    DataFolder dataFolder;

    @Inject
    Clock clock;

    @Inject
    @DataSource("h2")
    InjectableInstance<AgroalDataSource> h2;

    @Inject
    @DataSource("pg")
    InjectableInstance<AgroalDataSource> pg;

    @Inject
    @FlywayDataSource("h2")
    InjectableInstance<Flyway> h2Flyway;

    @Inject
    @FlywayDataSource("pg")
    InjectableInstance<Flyway> pgFlyway;

    private AgroalDataSource dataSource;
    private String kind;
    private String schemaVersion;
    private Instant openedAt;

    @PostConstruct
    void open() {
        dataFolder.root(); // the folder is checked before H2 creates its file in it
        boolean h2Active = h2.getHandle().getBean().isActive();
        boolean pgActive = pg.getHandle().getBean().isActive();
        if (h2Active == pgActive) {
            throw new StartupRefused("quarkus.datasource.pg.active",
                    "exactly one store must be active: set quarkus.datasource.h2.active and quarkus.datasource.pg.active to opposite values");
        }
        kind = h2Active ? "h2" : "postgresql";
        dataSource = h2Active ? h2.get() : pg.get();
        Flyway flyway = h2Active ? h2Flyway.get() : pgFlyway.get();
        long began = System.nanoTime();
        long connected;
        SchemaHistory.Opened opened;
        try (Connection file = h2Active ? openH2File() : null) {
            try (Connection first = dataSource.getConnection()) {
                connected = System.nanoTime();
            }
            opened = SchemaHistory.open(flyway, dataSource);
        } catch (RuntimeException | SQLException e) {
            throw refusal(kind, e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e));
        }
        schemaVersion = opened.version();
        openedAt = clock.instant();
        LOG.infof("Store: %s, schema version %s (connected in %d ms, migrations %s in %d ms)", kind, schemaVersion,
                (connected - began) / 1_000_000, opened.validationSkipped() ? "as applied, not validated again" : "validated and applied",
                (System.nanoTime() - connected) / 1_000_000);
    }

    /**
     * H2 opens its file in the thread that makes the first connection. Agroal makes connections on
     * a thread of its own and interrupts it once {@code quarkus.datasource.h2.jdbc.acquisition-timeout}
     * has passed, and an interrupted H2 closes its file (ClosedByInterruptException): a store that
     * takes longer than that to open, as it may on a loaded machine while the broker and the
     * cluster start beside it, would never open. So the file is opened here first, where nothing
     * interrupts it, and held open until the pool has its own connection.
     */
    private Connection openH2File() throws SQLException {
        AgroalConnectionFactoryConfiguration factory = dataSource.getConfiguration().connectionPoolConfiguration()
                .connectionFactoryConfiguration();
        Properties properties = new Properties();
        properties.putAll(factory.jdbcProperties());
        if (factory.principal() != null) {
            properties.setProperty("user", factory.principal().getName());
        }
        factory.credentials().stream().filter(SimplePassword.class::isInstance).map(c -> ((SimplePassword) c).getWord())
                .findFirst().ifPresent(password -> properties.setProperty("password", password));
        return Driver.load().connect(factory.jdbcUrl(), properties);
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    /**
     * Makes everything committed so far durable before something outside the store vouches for it
     * (the usage log's signed head): H2 writes and syncs its file ({@code CHECKPOINT SYNC}), which
     * fails on a full disk; a PostgreSQL commit is durable when it returns.
     *
     * @throws StoreException when the store cannot make it durable now
     */
    public void sync() {
        if (!"h2".equals(kind)) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new StoreException("CHECKPOINT SYNC", e);
        }
    }

    /** {@code h2} or {@code postgresql}. */
    public String kind() {
        return kind;
    }

    public String schemaVersion() {
        return schemaVersion;
    }

    /** When the store was open and migrated. */
    public Instant openedAt() {
        return openedAt;
    }

    /**
     * Why the store did not open, naming the real cause: an interruption (H2 closes its file when
     * a thread using it is interrupted) or another process holding the file are not the JDBC URL's
     * fault, and an operator told to check the URL looks in the wrong place.
     */
    static StartupRefused refusal(String kind, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedByInterruptException || t instanceof InterruptedException) {
                return new StartupRefused("store", "the " + kind + " store was closed while it opened, because a thread using it was"
                        + " interrupted (" + t.getClass().getSimpleName() + "); neither the store nor its configuration is at fault:"
                        + " start the node again");
            }
            if (t instanceof FlywayValidateException invalid) {
                return new StartupRefused("store", "the " + kind + " store's schema history does not match this node's migrations ("
                        + mismatches(invalid) + "): a migration already applied must not be edited; put its file back as it was"
                        + " applied and make the change in a new migration, or start the node of the version that applied it");
            }
            if (t.getMessage() != null && t.getMessage().contains("Database may be already in use")) {
                return new StartupRefused("pdx.data-dir", "the " + kind + " store is held by another process (another node on the"
                        + " same data folder?): stop it, or give this node a data folder of its own");
            }
        }
        return new StartupRefused("h2".equals(kind) ? "quarkus.datasource.h2.jdbc.url" : "quarkus.datasource.pg.jdbc.url",
                "the " + kind + " store could not be opened or migrated: " + rootMessage(e), e);
    }

    /** Flyway's lines that name a migration, without its advice to run repair (which would hide the edit). */
    private static String mismatches(FlywayValidateException e) {
        String named = String.valueOf(e.getMessage()).lines().map(String::strip)
                .filter(l -> l.startsWith("Migration ") || l.startsWith("Detected ") || l.startsWith("->"))
                .collect(Collectors.joining("; "));
        return named.isEmpty() ? rootMessage(e) : named;
    }

    /** The innermost message there is: Flyway's "retries exceeded" has a cause without one. */
    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            message = t.getMessage() == null ? message : t.getMessage();
        }
        return message == null ? t.getClass().getName() : message;
    }
}
