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

    /**
     * One landing of several messages keeps the rules of landing them one by one: a message its
     * sender landed before is skipped (a redelivery after the store's commit), a message named
     * twice in the batch lands once, another sender's message with the same id lands, the later
     * passage of a key wins within the batch, and each message's trail is recorded once.
     */
    @Test
    void aBatchLandsEachMessageOnceAsOneByOneWould() {
        String sender = "11513300MB0000002H";
        String other = "11513300MB0000003X";
        datasets.land(records("batch-k0", "first"), "k", provenance(sender, "batch-landed-before", 10), "[{\"hop\":0}]");
        int written = datasets.landAll(List.of(
                new Datasets.Landed(records("batch-k0", "redelivered"), "k", provenance(sender, "batch-landed-before", 10), "[{\"hop\":1}]"),
                new Datasets.Landed(records("batch-k1", "v1"), "k", provenance(sender, "batch-m1", 11), "[{\"hop\":1}]"),
                new Datasets.Landed(records("batch-k1", "v1-again"), "k", provenance(sender, "batch-m1", 11), "[{\"hop\":2}]"),
                new Datasets.Landed(records("batch-k2", "from-other"), "k", provenance(other, "batch-m1", 12), "[{\"hop\":1}]"),
                new Datasets.Landed(records("batch-k1", "v2"), "k", provenance(sender, "batch-m2", 13), null)));
        assertEquals(3, written, "batch-m1 of the first sender, batch-m1 of the other, batch-m2: one record each");
        assertEquals(List.of("first"), values("batch-k0"), "a message landed before is not applied again");
        assertEquals(List.of("v2"), values("batch-k1"), "the later passage of a key wins, and a repeated message does not land twice");
        assertEquals(List.of("from-other"), values("batch-k2"), "another sender's message with the same id lands");
        assertEquals(1, sql.count("select count(*) from landed_message where sender_org = ? and message_id = 'batch-m1'", sender));
        assertEquals(1, sql.count("select count(*) from landed_message where sender_org = ? and message_id = 'batch-m1'", other));
        assertEquals(List.of("[{\"hop\":0}]"), sql.list("select hops from message_trail where sender_org = ? and message_id = 'batch-landed-before'",
                rs -> rs.getString(1), sender), "a redelivered message keeps its first trail");
        assertEquals(List.of("[{\"hop\":1}]"), sql.list("select hops from message_trail where sender_org = ? and message_id = 'batch-m1'",
                rs -> rs.getString(1), sender), "a message named twice keeps the trail it was first landed with");
        assertEquals(0, sql.count("select count(*) from message_trail where message_id = 'batch-m2'"), "a message without hops has no trail");
    }

    @Test
    void aKeyNamedSeveralTimesInOneBatchEndsAsOneByOneWould() {
        String sender = "11513300MB0000002H";
        datasets.land(records("twice-k0", "held-newest"), "k", provenance(sender, "twice-m0", 50), null);
        datasets.landAll(List.of(
                new Datasets.Landed(records("twice-k1", "later-passage"), "k", provenance(sender, "twice-m1", 42), null),
                new Datasets.Landed(records("twice-k1", "earlier-passage-landing-late"), "k", provenance(sender, "twice-m2", 41), null),
                new Datasets.Landed(records("twice-k0", "older-than-held"), "k", provenance(sender, "twice-m3", 43), null),
                new Datasets.Landed(records("twice-k0", "also-older"), "k", provenance(sender, "twice-m4", 44), null),
                new Datasets.Landed(records("twice-k2", "a"), "k", provenance(sender, "twice-m5", 45), null),
                new Datasets.Landed(records("twice-k2", "same-passage-later-in-the-batch"), "k", provenance(sender, "twice-m6", 45), null)));
        assertEquals(List.of("later-passage"), values("twice-k1"), "an earlier passage after a later one in the batch does not replace it");
        assertEquals(List.of("held-newest"), values("twice-k0"), "passages older than the held record do not replace it");
        assertEquals(List.of("same-passage-later-in-the-batch"), values("twice-k2"), "of one passage, the later in the batch wins");
        assertEquals(7, sql.count("select count(*) from landed_message where sender_org = ? and message_id like 'twice-m%'", sender), "each message landed once");
    }

    private static byte[] records(String key, String value) {
        return ("[{\"k\":\"" + key + "\",\"v\":\"" + value + "\"}]").getBytes(StandardCharsets.UTF_8);
    }

    private static Datasets.Provenance provenance(String sender, String messageId, long passage) {
        return new Datasets.Provenance("ORDER-BATCH", 1, "test-node", sender, messageId, passage);
    }

    private List<String> values(String key) {
        return sql.list("select payload from dataset_record where resource_code = 'ORDER-BATCH' and record_key = ?", rs -> rs.getString(1), key)
                .stream().map(p -> p.replaceAll(".*\"v\":\"([^\"]*)\".*", "$1")).toList();
    }

    private long landedMessages() {
        return sql.count("select count(*) from usage_log u join landed_message l on l.message_id = u.message_id"
                + " where u.person = 'order-test' and u.decision = 'DELIVERED'");
    }
}
