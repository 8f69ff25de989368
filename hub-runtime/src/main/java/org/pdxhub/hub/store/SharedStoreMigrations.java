package org.pdxhub.hub.store;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The nodes of one platform share one PostgreSQL store and start together: the one that does
 * not hold Flyway's migration lock waits for the other to finish, however long that takes,
 * instead of refusing to start after Flyway's default ~50 s.
 */
@Singleton
@FlywayDataSource("pg")
public class SharedStoreMigrations implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.lockRetryCount(-1);
    }
}
