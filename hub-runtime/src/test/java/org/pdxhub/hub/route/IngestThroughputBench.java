package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.store.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * Records per second into the gate from a route ({@code to: pdx:ingest/{code}}) against the REST
 * path ({@code POST /api/v1/exchange/{code}/records}), in one node, the same batches each way,
 * one sender at a time. Run on demand: {@code -Dtest=IngestThroughputBench -Dbench.route-ingest=true}.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
@EnabledIfSystemProperty(named = "bench.route-ingest", matches = "true")
class IngestThroughputBench {

    static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Sql sql;

    static List<Map<String, Object>> batch(int size, int offset) {
        List<Map<String, Object>> records = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String id17 = "51330119900101" + String.format("%03d", (offset + i) % 1000);
            records.add(Map.of("citizen_id", id17 + checkDigit(id17), "person_name", "测试" + i, "mobile", "139" + String.format("%08d", i)));
        }
        return records;
    }

    /** GB 11643 check character. */
    static char checkDigit(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    @Test
    void routeAgainstRest() throws Exception {
        RouteFiles.install(camel, "bench.yaml", RouteFiles.route("bench-in", "direct:bench-in",
                "- to: \"pdx:ingest/" + POPULATION + "?person=bench&purpose=bench\""), "bench-in");
        for (int size : new int[]{1, 100}) {
            int batches = size == 1 ? 500 : 50;
            run("route", size, batches / 5, this::viaRoute);
            run("rest", size, batches / 5, this::viaRest);
            double route = run("route", size, batches, this::viaRoute);
            double rest = run("rest", size, batches, this::viaRest);
            System.out.printf("BENCH batch=%d batches=%d route=%.0f rec/s rest=%.0f rec/s ratio=%.2f%n", size, batches, route, rest, route / rest);
        }
        RouteFiles.remove(camel, "bench.yaml", "bench-in");
    }

    interface Sender {
        int send(List<Map<String, Object>> records, String messageId);
    }

    int viaRoute(List<Map<String, Object>> records, String messageId) {
        return producer.requestBodyAndHeader("direct:bench-in", records, "PdxMessageId", messageId, ExchangeService.Accepted.class).accepted();
    }

    int viaRest(List<Map<String, Object>> records, String messageId) {
        return system().header("Pdx-Person", "bench").header("Pdx-Purpose", "bench").header("Pdx-Message-Id", messageId)
                .body(records).when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202).extract().path("accepted");
    }

    double run(String way, int size, int batches, Sender sender) {
        List<List<Map<String, Object>>> prepared = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            prepared.add(batch(size, b * size));
        }
        long start = System.nanoTime();
        int accepted = 0;
        for (List<Map<String, Object>> records : prepared) {
            accepted += sender.send(records, way + "-" + UUID.randomUUID());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(size * batches, accepted, way + ": every record passed");
        return accepted / seconds;
    }
}
