package org.pdxhub.hub.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.pdxhub.hub.exchange.LandingOrderTest;

/** Landing's MERGE and its passage order again on PostgreSQL: the same tests, the other store. */
@QuarkusTest
@TestProfile(PostgresStoreTest.OnPostgres.class)
@EnabledIfEnvironmentVariable(named = "PDX_TEST_PG_URL", matches = "jdbc:postgresql:.+")
class LandingOrderOnPostgresTest extends LandingOrderTest {
}
