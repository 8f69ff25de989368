package org.pdxhub.hub.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The catalog lifecycle, again on PostgreSQL: the same tests, the other store. */
@QuarkusTest
@TestProfile(PostgresStoreTest.OnPostgres.class)
@EnabledIfEnvironmentVariable(named = "PDX_TEST_PG_URL", matches = "jdbc:postgresql:.+")
class CatalogLifecycleOnPostgresTest extends org.pdxhub.hub.catalog.CatalogLifecycleTest {
}
