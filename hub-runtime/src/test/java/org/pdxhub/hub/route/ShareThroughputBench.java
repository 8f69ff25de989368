package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;

/**
 * Records per second a {@code from: pdx:share/{code}} subscription delivers while a provider's
 * route lands records, in one node. Run on demand:
 * {@code -Dtest=ShareThroughputBench -Dbench.share=true}.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
@EnabledIfSystemProperty(named = "bench.share", matches = "true")
class ShareThroughputBench {

    static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    @Test
    void subscriptionKeepsUpWithLanding() throws Exception {
        int batches = 20;
        int size = 500;
        Grant grant = grants.issue(MARKET, POPULATION, Set.of("citizen_id", "person_name"), Set.of(), "bench", Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.SEED, null, null, null, "bench");
        RouteFiles.install(camel, "bench-in.yaml", RouteFiles.route("bench-in", "direct:bench-in",
                "- to: \"pdx:ingest/" + POPULATION + "?person=bench&purpose=bench\""), "bench-in");
        RouteFiles.install(camel, "bench-share.yaml", RouteFiles.route("bench-share", "pdx:share/" + POPULATION + "?holder=" + MARKET
                + "&person=bench&delay=100&format=RECORDS", "- to: \"log:bench-share?level=DEBUG\""), "bench-share");
        List<List<Map<String, Object>>> prepared = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Map<String, Object>> records = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int n = b * size + i;
                String id17 = "513301" + LocalDate.of(1990, 1, 1).plusDays(n / 1000).format(DateTimeFormatter.BASIC_ISO_DATE)
                        + String.format("%03d", n % 1000);
                records.add(Map.of("citizen_id", id17 + IngestThroughputBench.checkDigit(id17), "person_name", "测试" + i));
            }
            prepared.add(records);
        }
        long start = System.nanoTime();
        for (List<Map<String, Object>> records : prepared) {
            producer.requestBodyAndHeader("direct:bench-in", records, "PdxMessageId", "bench-" + UUID.randomUUID(), ExchangeService.Accepted.class);
        }
        long sent = System.nanoTime();
        int total = batches * size;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> sql.count(
                "select coalesce(sum(record_count), 0) from usage_log where key_id = 'route:bench-share' and decision = 'DELIVERED'") >= total);
        long delivered = System.nanoTime();
        System.out.printf("BENCH share records=%d sent-in=%.1fs all-delivered=%.1fs (%.0f rec/s) lag-after-last-send=%.2fs%n", total,
                (sent - start) / 1e9, (delivered - start) / 1e9, total / ((delivered - start) / 1e9), (delivered - sent) / 1e9);
        grants.revoke(grant.id(), "bench");
        RouteFiles.remove(camel, "bench-share.yaml", "bench-share");
        RouteFiles.remove(camel, "bench-in.yaml", "bench-in");
    }
}
