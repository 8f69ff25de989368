package org.pdxhub.hub.link;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.hub.testing.NodeProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.link.LinkedNodes.POPULATION;
import static org.pdxhub.hub.link.LinkedNodes.PSB;
import static org.pdxhub.hub.link.LinkedNodes.await;
import static org.pdxhub.hub.link.LinkedNodes.awaitHealthy;
import static org.pdxhub.hub.link.LinkedNodes.get;
import static org.pdxhub.hub.link.LinkedNodes.json;
import static org.pdxhub.hub.link.LinkedNodes.post;
import static org.pdxhub.hub.link.LinkedNodes.usageLog;

/**
 * Issue 7 between real processes: records go up from a department node to the prefecture node
 * masked, come back down, and show their lineage; a node killed with SIGKILL mid-stream loses
 * and duplicates nothing; a parent that is down gets everything, in order, when it returns.
 */
class LinkedNodesIT {

    private static final Duration DELIVERY = Duration.ofSeconds(120);

    @Test
    void recordsGoUpMaskedComeBackDownAndShowEveryHop(@TempDir Path tmp) throws Exception {
        roundTrip(new LinkedNodes(tmp));
    }

    @Test
    void theSameOverTheSignedRestInterface(@TempDir Path tmp) throws Exception {
        roundTrip(new LinkedNodes(tmp, true));
    }

    private static void roundTrip(LinkedNodes nodes) throws Exception {
        try (NodeProcess prefecture = nodes.startPrefecture(); NodeProcess department = nodes.startDepartment()) {
            awaitHealthy(prefecture);
            awaitHealthy(department);
            List<Map<String, Object>> records = List.of(LinkedNodes.person(1), LinkedNodes.person(2), LinkedNodes.person(3));
            var sent = post(department, "/api/v1/exchange/" + POPULATION + "/records", "demo-system", records);
            assertEquals(202, sent.statusCode(), sent.body());

            // Up: the prefecture holds the record, keyed by the pseudonym, with both hops.
            String raw = (String) records.get(0).get("citizen_id");
            var lineage = await(DELIVERY, () -> get(prefecture, "/api/v1/lineage/" + POPULATION + "/" + raw, "demo-admin"),
                    r -> r.statusCode() == 200);
            JsonNode view = json(lineage);
            String key = view.get("key").asText();
            assertNotEquals(raw, key, "the prefecture keys the record by the pseudonym, not the raw ID");
            JsonNode hops = view.at("/arrived/0/hops");
            assertEquals(2, hops.size(), view.toString());
            assertEquals("it-psb", hops.get(0).get("node").asText());
            assertEquals("DEPARTMENT", hops.get(0).get("level").asText());
            assertTrue(hops.get(0).get("masking").asText().contains("citizen_id=pseudonym(sm3)"), hops.toString());
            assertEquals("it-prefecture", hops.get(1).get("node").asText());
            assertTrue(hops.get(1).get("masking").asText().contains("citizen_id=pseudonym(sm3)(upstream)"), hops.toString());
            assertEquals("it-psb", view.at("/held/sourceNode").asText());
            assertEquals(PSB, view.at("/held/sourceOrg").asText());
            assertFalse(view.at("/arrived/0/loggedHere").isEmpty(), "the prefecture's usage log has the message");
            assertFalse(lineage.body().contains(raw), "lineage holds no raw identifier");

            // What the prefecture holds is masked: read it under a grant.
            List<JsonNode> held = readAtPrefecture(prefecture, 3);
            for (JsonNode r : held) {
                String name = r.get("person_name").asText();
                assertTrue(name.startsWith("卓") && name.endsWith("*"), r.toString());
                assertFalse(r.toString().contains("1380013"), "mobile masked: " + r);
                assertEquals(4, r.get("birth_date").asText().length(), "birth date generalised to the year: " + r);
            }
            assertTrue(held.stream().anyMatch(r -> r.get("citizen_id").asText().equals(key)));

            // Down: the prefecture returns a record it holds to the PSB, by key; it arrives at the PSB's
            // return address on its own node, as held (masked), never as a caller wrote it.
            var returned = post(prefecture, "/api/v1/exchange/" + POPULATION + "/return", "demo-admin",
                    Map.of("to", PSB, "keys", List.of(raw)));
            assertEquals(202, returned.statusCode(), returned.body());
            String messageId = json(returned).get("messageId").asText();
            try (JMSContext ctx = LinkedNodes.core(department).createContext(); JMSConsumer in = ctx.createConsumer(ctx.createQueue("pdx.return." + PSB))) {
                Message m = in.receive(DELIVERY.toMillis());
                assertNotNull(m, "the returned record reached pdx.return." + PSB + " on the department node");
                assertEquals(messageId, m.getStringProperty("PdxMessageId"));
                String body = LinkedNodes.body(m);
                assertTrue(body.contains(key) && !body.contains(raw), "the held record, keyed by the pseudonym: " + body);
            }
            JsonNode down = json(await(DELIVERY, () -> get(department, "/api/v1/lineage/" + POPULATION + "/" + key, "demo-admin"),
                    r -> r.statusCode() == 200));
            JsonNode downHops = down.at("/returned/0/hops");
            assertEquals(List.of("it-prefecture", "it-psb"), nodes(downHops), down.toString());
            assertEquals("RETURN", downHops.get(1).get("destination").asText());
            assertFalse(down.at("/returned/0/loggedHere").isEmpty());

            for (NodeProcess node : List.of(prefecture, department)) {
                assertTrue(json(get(node, "/api/v1/usage-log/verify", "demo-admin")).get("intact").asBoolean());
                assertFalse(node.output().contains(raw), "no raw ID in the log of node " + node.httpPort);
            }
        }
    }

    @Test
    void aShareRequestForAResourceHeldAboveIsFiledThereAndAnsweredHere(@TempDir Path tmp) throws Exception {
        LinkedNodes nodes = new LinkedNodes(tmp);
        try (NodeProcess prefecture = nodes.startPrefecture(); NodeProcess department = nodes.startDepartment()) {
            awaitHealthy(prefecture);
            awaitHealthy(department);
            // The market regulator's register is published at the prefecture, not at the department node.
            assertEquals(404, get(department, "/api/v1/catalog/resources/GZ-SAMR-ENT-001", "demo-specialist").statusCode());
            Map<String, Object> ask = new HashMap<>();
            ask.put("resource", "GZ-SAMR-ENT-001");
            ask.put("fields", List.of("uscc", "entity_name"));
            ask.put("purpose", "户籍业务中核验单位信息");
            var sent = post(department, "/api/v1/share-requests", "demo-specialist", ask);
            assertEquals(202, sent.statusCode(), sent.body());
            String id = json(sent).get("id").asText();
            assertEquals("FORWARDED", json(sent).get("status").asText());

            // Filed at the prefecture as the bureau's request, waiting for the agency's review; the answer comes back.
            JsonNode filed = json(await(DELIVERY, () -> get(department, "/api/v1/share-requests/" + id, "demo-specialist"),
                    r -> r.body().contains("SUBMITTED")));
            assertEquals("it-prefecture", filed.get("heldAt").asText(), filed.toString());
            String there = filed.get("requestId").asText();
            JsonNode atPrefecture = json(get(prefecture, "/api/v1/share-requests/" + there, "demo-reviewer"));
            assertEquals(PSB, atPrefecture.path("requesterUscc").asText(), atPrefecture.toString());

            var decided = post(prefecture, "/api/v1/share-requests/" + there + "/decision", "demo-reviewer", Map.of("decision", "APPROVE"));
            assertEquals(200, decided.statusCode(), decided.body());
            JsonNode answered = json(await(DELIVERY, () -> get(department, "/api/v1/share-requests/" + id, "demo-specialist"),
                    r -> r.body().contains("APPROVED")));
            assertFalse(answered.at("/answer/grantId").asText().isEmpty(), answered.toString());

            // A resource held nowhere is answered so, not left waiting.
            ask.put("resource", "GZ-NOWHERE-001");
            String lost = json(post(department, "/api/v1/share-requests", "demo-specialist", ask)).get("id").asText();
            await(DELIVERY, () -> get(department, "/api/v1/share-requests/" + lost, "demo-specialist"), r -> r.body().contains("NOT_HELD"));
            assertEquals(404, get(department, "/api/v1/share-requests/" + id, "demo-specialist-hrss").statusCode(),
                    "another organisation does not see the request");
        }
    }

    @Test
    void aDepartmentNodeKilledMidStreamDeliversEveryAcceptedMessageExactlyOnce(@TempDir Path tmp) throws Exception {
        LinkedNodes nodes = new LinkedNodes(tmp);
        int total = 200;
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<String> inDoubt = ConcurrentHashMap.newKeySet();
        try (NodeProcess prefecture = nodes.startPrefecture()) {
            awaitHealthy(prefecture);
            NodeProcess department = nodes.startDepartment();
            awaitHealthy(department);
            // A department system streams one record per message; the node is killed under it.
            int sentBeforeKill = streamUntil(department, 0, total, acked, inDoubt, () -> acked.size() >= 80, department);
            assertTrue(acked.size() >= 80, "sent " + acked.size() + " before the kill");
            department.close();
            NodeProcess restarted = nodes.startDepartment();
            try (restarted) {
                awaitHealthy(restarted);
                streamUntil(restarted, sentBeforeKill, total, acked, inDoubt, () -> false, null);

                // Every accepted message arrives once at the prefecture; nothing else arrives.
                long end = System.nanoTime() + DELIVERY.toNanos();
                while (System.nanoTime() < end && !ids(deliveredAggregations(prefecture)).containsAll(acked)) {
                    Thread.sleep(500);
                }
                Set<String> missing = new HashSet<>(acked);
                missing.removeAll(ids(deliveredAggregations(prefecture)));
                if (!missing.isEmpty()) {
                    throw new AssertionError(missing.size() + " acknowledged message(s) did not arrive: " + missing
                            + "\nat the department: " + about(usageLog(restarted), missing)
                            + "\nat the prefecture: " + about(usageLog(prefecture), missing)
                            + "\nin doubt: " + inDoubt);
                }
                List<JsonNode> delivered;
                Thread.sleep(2_000); // a late duplicate would show now
                delivered = deliveredAggregations(prefecture);
                Map<String, Long> times = delivered.stream().collect(Collectors.groupingBy(e -> e.get("messageId").asText(), Collectors.counting()));
                assertTrue(times.values().stream().allMatch(n -> n == 1), "each message delivered once: " + duplicates(times));
                Set<String> arrived = times.keySet();
                assertTrue(arrived.containsAll(acked), "every acknowledged message arrived");
                Set<String> unexpected = new HashSet<>(arrived);
                unexpected.removeAll(acked);
                unexpected.removeAll(inDoubt);
                assertTrue(unexpected.isEmpty(), "only sent messages arrived: " + unexpected);

                // The payload the prefecture took is the one the department's gate let out.
                Map<String, String> digestsBelow = new HashMap<>();
                for (JsonNode e : deliveredAggregations(restarted)) {
                    digestsBelow.put(e.get("messageId").asText(), e.get("payloadDigest").asText());
                }
                for (JsonNode e : delivered) {
                    assertEquals(digestsBelow.get(e.get("messageId").asText()), e.get("payloadDigest").asText(),
                            "digest of message " + e.get("messageId").asText());
                }
                assertEquals(arrived.size(), readAtPrefecture(prefecture, arrived.size()).size(), "one record per message landed");
                assertTrue(json(get(restarted, "/api/v1/usage-log/verify", "demo-admin")).get("intact").asBoolean(),
                        "the department's usage-log chain survived the kill");
            }
        }
    }

    @Test
    void whileTheParentIsDownTheChildQueuesAndDeliversEachRecordsVersionsInOrderWhenItReturns(@TempDir Path tmp) throws Exception {
        LinkedNodes nodes = new LinkedNodes(tmp);
        int keys = 4;
        try (NodeProcess department = nodes.startDepartment()) {
            awaitHealthy(department);
            // Ten versions of each of four records: landing runs several consumers, so the order
            // that must hold is that of one record's versions, not that of different records.
            Map<Integer, List<String>> sentByKey = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                var r = post(department, "/api/v1/exchange/" + POPULATION + "/records", "demo-system", List.of(LinkedNodes.person(500 + i % keys)));
                assertEquals(202, r.statusCode(), r.body());
                sentByKey.computeIfAbsent(i % keys, k -> new ArrayList<>()).add(json(r).get("messageId").asText());
            }
            // Accepted and landed below while the parent is away.
            await(Duration.ofSeconds(30), () -> deliveredAggregations(department).size(), n -> n == 40);
            try (NodeProcess prefecture = nodes.startPrefecture()) {
                awaitHealthy(prefecture);
                List<JsonNode> delivered = await(DELIVERY, () -> deliveredAggregations(prefecture), d -> d.size() >= 40);
                List<String> arrivalOrder = delivered.stream().map(e -> e.get("messageId").asText()).toList();
                for (var key : sentByKey.entrySet()) {
                    assertEquals(key.getValue(), arrivalOrder.stream().filter(key.getValue()::contains).toList(),
                            "the versions of record " + key.getKey() + " delivered in the order sent");
                }
            }
        }
    }

    /** Sends messages start.. until the condition holds or total is reached; kills {@code victim} when it holds. */
    private static int streamUntil(NodeProcess node, int start, int total, Set<String> acked, Set<String> inDoubt,
                                   java.util.function.BooleanSupplier killWhen, NodeProcess victim) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = null;
        if (victim != null) {
            killer = new Thread(() -> {
                while (!killWhen.getAsBoolean()) {
                    Thread.onSpinWait();
                }
                try {
                    victim.kill(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                killed.set(true);
            });
            killer.setDaemon(true);
            killer.start();
        }
        int i = start;
        try (JMSContext ctx = LinkedNodes.core(node).createContext()) {
            for (; i < total; i++) {
                String id = "it-msg-" + i;
                try {
                    LinkedNodes.send(ctx, id, List.of(LinkedNodes.person(1000 + i)));
                    acked.add(id);
                } catch (RuntimeException e) {
                    inDoubt.add(id); // sent, but the answer was lost with the node
                    i++;
                    break;
                }
            }
        } catch (RuntimeException closing) {
            // the connection died with the node
        }
        if (killer != null) {
            killer.join(30_000);
            assertTrue(killed.get(), "the node was killed mid-stream");
        }
        return i;
    }

    private static List<JsonNode> deliveredAggregations(NodeProcess node) throws Exception {
        return usageLog(node).stream()
                .filter(e -> "AGGREGATION".equals(e.path("destination").asText()) && "DELIVERED".equals(e.path("decision").asText()))
                .toList();
    }

    /** Reads the population dataset at the prefecture as the social-security bureau, under a grant it is given. */
    private static List<JsonNode> readAtPrefecture(NodeProcess prefecture, int expected) throws Exception {
        Map<String, Object> ask = new HashMap<>();
        ask.put("resource", POPULATION);
        ask.put("fields", List.of("citizen_id", "person_name", "birth_date", "mobile"));
        ask.put("purpose", "参保资格核验");
        ask.put("scenario", "社会保险参保登记时核验参保人身份");
        ask.put("basis", "《社会保险法》第五十七条");
        ask.put("goal", "参保登记一次办结");
        ask.put("securityMeasures", "专线传输，访问留痕");
        ask.put("commitment", "本单位承诺数据使用安全、合规");
        ask.put("acceptedMeasures", List.of("transport", "access-log", "purpose-only", "delete-after-use"));
        var requested = post(prefecture, "/api/v1/share-requests", "demo-specialist-hrss", ask);
        assertEquals(201, requested.statusCode(), requested.body());
        var decided = post(prefecture, "/api/v1/share-requests/" + json(requested).get("id").asText() + "/decision", "demo-specialist",
                Map.of("decision", "APPROVE"));
        assertEquals(200, decided.statusCode(), decided.body());
        JsonNode read = await(DELIVERY, () -> json(LinkedNodes.get(prefecture, "/api/v1/exchange/" + POPULATION + "/records?limit=10000",
                "demo-system-hrss")), r -> r.path("count").asInt() >= expected);
        List<JsonNode> out = new ArrayList<>();
        read.get("records").forEach(out::add);
        return out;
    }

    private static Set<String> ids(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("messageId").asText()).collect(Collectors.toSet());
    }

    private static List<String> about(List<JsonNode> entries, Set<String> messageIds) {
        return entries.stream().filter(e -> messageIds.contains(e.path("messageId").asText()))
                .map(e -> e.path("messageId").asText() + " " + e.path("destination").asText() + " " + e.path("decision").asText()
                        + " " + e.path("rule").asText() + " " + e.path("detail").asText())
                .toList();
    }

    private static List<String> nodes(JsonNode hops) {
        List<String> out = new ArrayList<>();
        hops.forEach(h -> out.add(h.get("node").asText()));
        return out;
    }

    private static Map<String, Long> duplicates(Map<String, Long> times) {
        return times.entrySet().stream().filter(e -> e.getValue() > 1).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

}
