package org.pdxhub.hub.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The catalog, the request workflows and the exchange again on PostgreSQL, so that their SQL is
 * proven on both stores, not only the migrations. Same tests, other store.
 */
public final class OnPostgresTests {

    private OnPostgresTests() {
    }

    @QuarkusTest
    @TestProfile(PostgresStoreTest.OnPostgres.class)
    @EnabledIfEnvironmentVariable(named = "PDX_TEST_PG_URL", matches = "jdbc:postgresql:.+")
    static class CatalogLifecycleOnPostgresTest extends org.pdxhub.hub.catalog.CatalogLifecycleTest {
    }

    @QuarkusTest
    @TestProfile(PostgresStoreTest.OnPostgres.class)
    @EnabledIfEnvironmentVariable(named = "PDX_TEST_PG_URL", matches = "jdbc:postgresql:.+")
    static class ShareRequestsOnPostgresTest extends org.pdxhub.hub.sharing.ShareRequestsTest {
    }

    @QuarkusTest
    @TestProfile(PostgresStoreTest.OnPostgres.class)
    @EnabledIfEnvironmentVariable(named = "PDX_TEST_PG_URL", matches = "jdbc:postgresql:.+")
    static class ExchangeFlowOnPostgresTest extends org.pdxhub.hub.exchange.ExchangeFlowTest {
    }
}
