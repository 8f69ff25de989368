package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.exchange.CsvRecords;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.route.RouteFiles.route;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.as;

/**
 * A grant holder's subscription written to a file drop as CSV carries the grant's canaries, so
 * that rows of a leaked delivered file, sent to {@code POST /api/v1/leaks/trace}, name the grant.
 */
@QuarkusTest
@TestProfile(CanariesInFileDeliveriesTest.CanariesOn.class)
class CanariesInFileDeliveriesTest {

    /** A node with route files that opted in to canaries (pdx.canary.enabled). */
    public static class CanariesOn extends RouteFiles {
        @Override
        protected Map<String, String> extra() {
            return Map.of("pdx.canary.enabled", "true");
        }
    }

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PURPOSE = "市场主体登记核验";

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    @Inject
    CsvRecords csv;

    @Test
    void rowsOfALeakedDeliveredFileNameTheGrantTheyWereDeliveredUnder() throws Exception {
        for (Grant g : grants.heldBy(MARKET)) {
            if (g.resourceCode().equals(POPULATION)) {
                grants.revoke(g.id(), "test");
            }
        }
        Grant grant = grants.issue(MARKET, POPULATION, Set.of("citizen_id", "person_name", "address"), Set.of(), PURPOSE,
                Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofDays(1)), GrantSource.SEED, null, null, null, "test");
        Path drop = RouteFiles.DEPARTMENT.resolve("market-drop-" + UUID.randomUUID());
        RouteFiles.install(camel, "market-csv.yaml", route("market-csv", "pdx:share/" + POPULATION + "?holder=" + MARKET
                + "&person=市场局登记系统&delay=200&format=CSV", """
                - setHeader:
                    name: CamelFileName
                    simple: "${header.PdxMessageId}.csv"
                - to: "file:%s?tempPrefix=.part-"
                """.formatted(drop)), "market-csv");

        RouteFiles.install(camel, "provider.yaml", route("provider-in", "direct:provider-in",
                "- to: \"pdx:ingest/" + POPULATION + "?person=人口系统&purpose=人口基础信息汇聚\""), "provider-in");
        String messageId = "landed-" + UUID.randomUUID();
        String first17 = "51332219800202" + String.format("%03d", (int) (Math.random() * 900) + 100);
        producer.sendBodyAndHeader("direct:provider-in", List.of(Map.of("citizen_id", first17 + checkCharacter(first17),
                "person_name", "次仁", "address", "四川省甘孜藏族自治州康定市炉城镇", "mobile", "13811112222")), "PdxMessageId", messageId);

        await().atMost(Duration.ofSeconds(30)).until(() -> !rows(drop).isEmpty());
        List<Map<String, Object>> leaked = rows(drop);
        assertEquals(3, leaked.size(), "one landed record and the grant's two canaries: " + leaked);
        assertTrue(leaked.stream().allMatch(r -> r.keySet().containsAll(Set.of("citizen_id", "person_name", "address"))),
                "canaries have the delivered rows' shape: " + leaked);

        as("demo-specialist").body(Map.of("resource", POPULATION, "rows", leaked)).when().post("/api/v1/leaks/trace")
                .then().statusCode(200).body("grants", hasSize(1)).body("grants[0].grant", equalTo(grant.id()))
                .body("grants[0].holder", equalTo(MARKET)).body("grants[0].canariesFound", equalTo(2));
        RouteFiles.remove(camel, "market-csv.yaml", "market-csv");
        RouteFiles.remove(camel, "provider.yaml", "provider-in");
    }

    /** The GB 11643 check character of a citizen ID. */
    private static char checkCharacter(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    /** Every row of every CSV file in the drop, read as the node reads a CSV body. */
    private List<Map<String, Object>> rows(Path drop) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.isDirectory(drop)) {
            return rows;
        }
        try (Stream<Path> files = Files.list(drop)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".") && p.toString().endsWith(".csv")).toList()) {
                rows.addAll(csv.parse(Files.readAllBytes(f)));
            }
        }
        return rows;
    }
}
