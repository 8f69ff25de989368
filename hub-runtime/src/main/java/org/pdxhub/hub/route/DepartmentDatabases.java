package org.pdxhub.hub.route;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.pdxhub.hub.node.StartupRefused;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The department databases a node's routes files may write to or read from with the {@code sql}
 * component, each a small pool bound in Camel's registry as {@code dept-<name>}: a route names
 * one ({@code dataSource=#dept-psb}); the node's own store is never among them, and the
 * component does not pick a data source by itself ({@code camel.component.sql.autowired-enabled=false}).
 */
@ApplicationScoped
public class DepartmentDatabases {

    /** The prefix of the registry names; RouteFileCheck lets a sql endpoint name only these. */
    public static final String PREFIX = "dept-";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** {@code pdx.routes.databases.<name>.url}, {@code .user}, {@code .password}, {@code .max-connections}; {@code pdx.routes.scan-every}. */
    @ConfigMapping(prefix = "pdx.routes")
    public interface Config {

        Map<String, Database> databases();

        /**
         * How often {@code exchange.NodeRoutes} looks at the routes folder while the node runs. Its
         * {@code @Scheduled} reads the key, and this default with it (a mapping's defaults are the
         * configuration's), so the default is written once; declared here so that a value that is
         * not a duration stops start-up naming it. Quarkus's scheduler looks at its triggers once a
         * second, so less than 1s acts as 1s.
         */
        @WithDefault("2s")
        Duration scanEvery();

        interface Database {
            /** JDBC URL of the department's database; its driver must be on the node's class path (H2, PostgreSQL). */
            String url();

            Optional<String> user();

            Optional<String> password();

            @WithDefault("4")
            int maxConnections();
        }
    }

    @Inject
    Config config;

    @Inject
    CamelContext camel;

    private final List<AgroalDataSource> pools = new ArrayList<>();

    /** Before the node's routes files are read, so that their sql endpoints find their database. */
    public void bind() {
        config.databases().forEach((name, db) -> {
            String key = "pdx.routes.databases." + name;
            if (!NAME.matcher(name).matches()) {
                throw new StartupRefused(key, "name a department database with lower-case letters, digits and -");
            }
            if (db.maxConnections() < 1 || db.maxConnections() > 50) {
                throw new StartupRefused(key + ".max-connections", "give 1 to 50, not " + db.maxConnections());
            }
            AgroalDataSource pool;
            try {
                pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(cp -> cp.maxSize(db.maxConnections()).acquisitionTimeout(Duration.ofSeconds(30))
                                .connectionFactoryConfiguration(cf -> {
                                    cf.jdbcUrl(db.url());
                                    db.user().ifPresent(u -> cf.principal(new NamePrincipal(u)));
                                    db.password().ifPresent(p -> cf.credential(new SimplePassword(p)));
                                    return cf;
                                })));
            } catch (SQLException | RuntimeException e) {
                throw new StartupRefused(key + ".url", "cannot make a pool for " + db.url().replaceAll("password=[^;&]*", "password=***")
                        + ": " + e.getMessage());
            }
            pools.add(pool);
            camel.getRegistry().bind(PREFIX + name, pool);
        });
    }

    void close(@Observes ShutdownEvent stopping) {
        pools.forEach(AgroalDataSource::close);
    }
}
