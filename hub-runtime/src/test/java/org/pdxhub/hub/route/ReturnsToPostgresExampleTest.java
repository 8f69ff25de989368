package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.pdxhub.hub.store.Sql;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.route.RouteFiles.route;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.admin;

/**
 * The shipped example {@code returns-to-database.yaml} against a real PostgreSQL as the bureau's
 * database (the throwaway server of {@code deploy/test-postgres.sh}, which {@code ./hub test} starts
 * and CI installs from Debian's packages): the same records delivered twice are one row per key,
 * holding the values of the last delivery.
 */
@QuarkusTest
@TestProfile(ReturnsToPostgresExampleTest.BureauOnPostgres.class)
@EnabledIfEnvironmentVariable(named = "PDX_TEST_PG_URL", matches = "jdbc:postgresql:.+")
class ReturnsToPostgresExampleTest {

    static final String POPULATION = DeliveryExamplesTest.POPULATION;
    static final String SCHEMA = "dept_psb";

    /** The bureau's database is a schema of its own on the test server, so the node's store (H2 here) and it never meet. */
    public static class BureauOnPostgres extends RouteFiles {
        @Override
        protected Map<String, String> extra() {
            String url = System.getenv().getOrDefault("PDX_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:1/none");
            return Map.of("pdx.routes.databases.psb.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
                    "pdx.routes.databases.psb.user", "pdx");
        }
    }

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Sql sql;

    DataSource bureau() {
        return camel.getRegistry().lookupByNameAndType("dept-psb", DataSource.class);
    }

    void execute(String statement) throws SQLException {
        new DepartmentTables(bureau()).execute(statement);
    }

    List<List<String>> rows(String query) throws SQLException {
        return new DepartmentTables(bureau()).rows(query);
    }

    /** The bureau's record as the node holds it (landed again with new values, it replaces the held one). */
    void hold(String citizenId, String name, String mobile) throws IOException {
        RouteFiles.install(camel, "held.yaml", route("held-in", "direct:held-in",
                "- to: \"pdx:ingest/" + POPULATION + "?person=人口系统&purpose=人口基础信息汇聚\""), "held-in");
        String messageId = "held-" + UUID.randomUUID();
        producer.sendBodyAndHeader("direct:held-in", List.of(Map.of("citizen_id", citizenId, "person_name", name, "mobile", mobile)),
                "PdxMessageId", messageId);
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
    }

    String giveBack(String... citizenIds) {
        return admin().header("Pdx-Person", "州数据局").header("Pdx-Purpose", "返还公安局人口数据")
                .body(Map.of("to", PSB, "keys", List.of(citizenIds)))
                .when().post("/api/v1/exchange/" + POPULATION + "/return")
                .then().statusCode(202).body("accepted", equalTo(citizenIds.length)).extract().path("messageId");
    }

    @Test
    void theSameReturnDeliveredTwiceIsOneRowPerKeyWithTheLastValues() throws Exception {
        execute("create schema if not exists " + SCHEMA);
        execute("drop table if exists returned_population");
        execute("create table returned_population (citizen_id varchar(64) primary key, person_name varchar(100), mobile varchar(32),"
                + " message_id varchar(64))");
        RouteFiles.install(camel, "returns-to-database.yaml",
                Files.readString(DeliveryExamplesTest.EXAMPLES.resolve("returns-to-database.yaml")), "psb-returns-to-database");
        try {
            hold("513301198807070029", "拉姆", "13811112222");
            hold("513301199001010013", "格桑", "13822223333");
            String first = giveBack("513301198807070029", "513301199001010013");
            await().atMost(Duration.ofSeconds(15)).until(() -> rows("select distinct message_id from returned_population")
                    .equals(List.of(List.of(first))) && rows("select citizen_id from returned_population").size() == 2);

            hold("513301198807070029", "次仁", "13899990000");
            String second = giveBack("513301198807070029", "513301199001010013");
            await().atMost(Duration.ofSeconds(15)).until(() -> rows("select distinct message_id from returned_population")
                    .equals(List.of(List.of(second))));

            List<List<String>> stored = rows("select citizen_id, person_name, mobile from returned_population order by person_name");
            assertEquals(2, stored.size(), "each key once, however often it was delivered: " + stored);
            assertEquals(2, rows("select distinct citizen_id from returned_population").size());
            assertTrue(stored.stream().anyMatch(r -> r.get(1).startsWith("次")), "the last values of the changed record: " + stored);
            assertFalse(stored.stream().anyMatch(r -> r.get(1).startsWith("拉")), "the earlier values are gone: " + stored);
            assertTrue(stored.stream().anyMatch(r -> r.get(1).startsWith("格")), stored.toString());
            assertFalse(stored.stream().anyMatch(r -> r.get(0).equals("513301198807070029")), "the key as returned, masked: " + stored);
        } finally {
            RouteFiles.remove(camel, "returns-to-database.yaml", "psb-returns-to-database");
            RouteFiles.remove(camel, "held.yaml", "held-in");
        }
    }
}
