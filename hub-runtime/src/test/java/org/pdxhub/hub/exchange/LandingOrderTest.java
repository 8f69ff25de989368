package org.pdxhub.hub.exchange;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * Landing runs several consumers side by side, and still the version of a record that passed the
 * gate last is the one held: message groups by resource and key keep one key's messages on one
 * consumer in order, and a record is replaced only by a later gate passage's.
 */
@QuarkusTest
public class LandingOrderTest {

    static final String POPULATION = ExchangeFlowTest.POPULATION;

    @Inject
    Sql sql;

    @Inject
    Datasets datasets;

    @Inject
    LandingBatches landing;

    /** A valid citizen ID of Luding (513322) born on day {@code n} of 1990, unused elsewhere. */
    static String citizenId(int n) {
        String first17 = "51332219900" + (1 + n / 28) + String.format("%02d", 1 + n % 28) + "31" + (n % 10);
        return first17.substring(0, 17) + CitizenIdCheck.checkCharacter(first17.substring(0, 17));
    }

    /** The mobile keeps its last four digits through masking (keep(3,4)): they carry the version. */
    static Map<String, Object> version(String id, int v) {
        return Map.of("citizen_id", id, "person_name", "顺序", "mobile", "1390000" + String.format("%04d", v));
    }

    @Test
    void versionsOfOneRecordLandInTheOrderTheyPassedTheGateUnderSeveralConsumers() {
        assertTrue(landing.consumers() > 1, "landing runs one consumer: this test would prove nothing");
        List<String> ids = List.of(citizenId(1), citizenId(2), citizenId(3));
        int versions = 40;
        for (int v = 1; v <= versions; v++) {
            for (String id : ids) {
                system().header("Pdx-Person", "order-test").header("Pdx-Purpose", "order").body(List.of(version(id, v)))
                        .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
            }
        }
        String last = "139****" + String.format("%04d", versions);
        await().atMost(Duration.ofSeconds(60)).until(() -> landedMessages() >= ids.size() * versions);
        List<String> held = sql.list("select payload from dataset_record where resource_code = ? and payload like ?", rs -> rs.getString(1),
                POPULATION, "%顺%");
        assertEquals(ids.size(), held.size(), "one record per key");
        for (String payload : held) {
            assertTrue(payload.contains(last), "a record holds an earlier version than the last sent: " + payload);
        }
    }

    @Test
    void anOlderPassageLandingLateNeverReplacesANewerRecord() {
        String key = "late-landing-key";
        datasets.land("[{\"k\":\"late-landing-key\",\"v\":\"newer\"}]".getBytes(StandardCharsets.UTF_8), "k",
                new Datasets.Provenance("ORDER-TEST", 1, "test-node", "11513300MB0000002H", "order-newer", 200), null);
        datasets.land("[{\"k\":\"late-landing-key\",\"v\":\"older\"}]".getBytes(StandardCharsets.UTF_8), "k",
                new Datasets.Provenance("ORDER-TEST", 1, "test-node", "11513300MB0000002H", "order-older", 100), null);
        List<String> held = sql.list("select payload from dataset_record where resource_code = 'ORDER-TEST' and record_key = ?",
                rs -> rs.getString(1), key);
        assertEquals(1, held.size());
        assertTrue(held.get(0).contains("newer"), "the older passage replaced the newer record: " + held.get(0));
        datasets.land("[{\"k\":\"late-landing-key\",\"v\":\"newest\"}]".getBytes(StandardCharsets.UTF_8), "k",
                new Datasets.Provenance("ORDER-TEST", 1, "test-node", "11513300MB0000002H", "order-newest", 300), null);
        assertTrue(sql.list("select payload from dataset_record where resource_code = 'ORDER-TEST' and record_key = ?",
                rs -> rs.getString(1), key).get(0).contains("newest"), "a later passage replaces the record");
    }

    private long landedMessages() {
        return sql.count("select count(*) from usage_log u join landed_message l on l.message_id = u.message_id"
                + " where u.person = 'order-test' and u.decision = 'DELIVERED'");
    }
}
