package org.pdxhub.hub.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.pdxhub.hub.testing.NodeProcess;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Two real nodes for the link tests, each a separate process from the packaged jar: a
 * department node of the public security bureau under the prefecture platform node, linked by
 * Artemis bridges both ways. Configurations are written from config/demo with the links set.
 */
final class LinkedNodes {

    static final String AGENCY = "11513300MB0000001E";
    static final String PSB = "11513300MB0000002H";
    static final String POPULATION = "GZ-PSB-POP-001";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path root;
    final NodeProcess.Ports prefecturePorts;
    final NodeProcess.Ports departmentPorts;
    final Path prefectureConfig;
    final Path departmentConfig;

    /** Linked by Artemis bridges. */
    LinkedNodes(Path root) throws IOException {
        this(root, false);
    }

    /**
     * @param rest link the nodes over each other's signed REST interface instead of bridges
     */
    LinkedNodes(Path root, boolean rest) throws IOException {
        this.root = root;
        prefecturePorts = NodeProcess.Ports.free();
        departmentPorts = NodeProcess.Ports.free();
        String up = "aXQtc2lnbmluZy1zZWNyZXQtZm9yLWxpbmstdGVzdHMtcHNiLXRvLXByZWZlY3R1cmU=";
        String down = "aXQtc2lnbmluZy1zZWNyZXQtZm9yLWxpbmstdGVzdHMtcHJlZmVjdHVyZS10by1wc2I=";
        prefectureConfig = config("prefecture", """
                pdx.node.id=it-prefecture
                pdx.node.level=PREFECTURE
                pdx.node.organisation=%s
                pdx.node.children[0].id=it-psb
                pdx.node.children[0].address=%s
                pdx.node.children[0].organisation=%s
                pdx.node.children[0].key=it-link-agency
                pdx.node.children[0].organisations[0]=%s
                pdx.cluster.name=it-prefecture
                """.formatted(AGENCY, rest ? "http://127.0.0.1:" + departmentPorts.http() : "tcp://127.0.0.1:" + departmentPorts.core(),
                PSB, PSB) + (!rest ? "" : """
                pdx.signing.peers.it-psb.key-id=it-prefecture-at-psb
                pdx.signing.peers.it-psb.secret=base64:%s
                pdx.signing.keys.it-psb-at-prefecture.secret=base64:%s
                pdx.signing.keys.it-psb-at-prefecture.organisation=%s
                pdx.signing.keys.it-psb-at-prefecture.roles=SYSTEM
                """.formatted(down, up, PSB)));
        departmentConfig = config("department", """
                pdx.node.id=it-psb
                pdx.node.level=DEPARTMENT
                pdx.node.organisation=%s
                pdx.node.agency=%s
                pdx.node.parent.id=it-prefecture
                pdx.node.parent.address=%s
                pdx.node.parent.organisation=%s
                pdx.node.parent.key=demo-system
                pdx.cluster.name=it-psb
                """.formatted(PSB, AGENCY, rest ? "http://127.0.0.1:" + prefecturePorts.http() : "tcp://127.0.0.1:" + prefecturePorts.core(),
                AGENCY) + (!rest ? "" : """
                pdx.signing.peers.it-prefecture.key-id=it-psb-at-prefecture
                pdx.signing.peers.it-prefecture.secret=base64:%s
                pdx.signing.keys.it-prefecture-at-psb.secret=base64:%s
                pdx.signing.keys.it-prefecture-at-psb.organisation=%s
                pdx.signing.keys.it-prefecture-at-psb.roles=SYSTEM
                """.formatted(up, down, AGENCY)));
    }

    private Path config(String name, String links) throws IOException {
        Path dir = Files.createDirectories(root.resolve("config-" + name));
        Path demo = NodeProcess.repo().resolve("config/demo");
        Files.copy(demo.resolve("masking-profiles.json"), dir.resolve("masking-profiles.json"));
        // The department node publishes only its own population resource; the others are held above.
        var catalog = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(demo.resolve("catalog.json").toFile());
        if (name.equals("department")) {
            var resources = catalog.withArray("resources");
            for (int i = resources.size() - 1; i >= 0; i--) {
                if (!POPULATION.equals(resources.get(i).get("code").asText())) {
                    resources.remove(i);
                }
            }
        }
        JSON.writeValue(dir.resolve("catalog.json").toFile(), catalog);
        // The prefecture's link key at the department: the broker takes SYSTEM keys only.
        var seed = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(demo.resolve("seed.json").toFile());
        seed.withArray("keys").addObject().put("id", "it-link-agency").put("key", "it-link-agency").put("organisation", AGENCY)
                .put("holder", "州平台下行链路 (test)").putArray("roles").add("SYSTEM");
        JSON.writeValue(dir.resolve("seed.json").toFile(), seed);
        Files.writeString(dir.resolve("node.properties"), """
                config_ordinal=260
                pdx.demo=true
                pdx.masking.pseudonym-secret=base64:ZGVtby1wc2V1ZG9ueW0tc2VjcmV0LWdhbnppLTIwMjY=
                pdx.masking.keys.demo-2026=base64:ZGVtby1maWVsZC1rZXktMQ==
                pdx.usage-log.key=base64:ZGVtby11c2FnZS1sb2cta2V5LWdhbnppLXBsYXRmb3JtLTIwMjY=
                pdx.calendar.file=%s
                """.formatted(NodeProcess.repo().resolve("config/calendar/cn-official-holidays.csv")) + links);
        return dir;
    }

    NodeProcess startPrefecture() throws IOException {
        return NodeProcess.start(prefectureConfig, root.resolve("data-prefecture"), prefecturePorts, Map.of());
    }

    NodeProcess startDepartment() throws IOException {
        return NodeProcess.start(departmentConfig, root.resolve("data-department"), departmentPorts, Map.of());
    }

    static void awaitHealthy(NodeProcess node) throws Exception {
        if (!node.awaitHealthy(Duration.ofSeconds(180))) {
            throw new AssertionError("node did not become healthy:\n" + tail(node.output()));
        }
    }

    static String tail(String s) {
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }

    // ---- records

    /** A valid citizen ID (GB 11643): Kangding region, a birth date, a sequence, the MOD 11-2 check character. */
    static String citizenId(int n) {
        String body = "513301" + String.format("1990%02d%02d", 1 + n % 12, 1 + n % 28) + String.format("%03d", n % 1000);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * w[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static Map<String, Object> person(int n) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("citizen_id", citizenId(n));
        r.put("person_name", "卓玛" + n);
        r.put("birth_date", String.format("1990-%02d-%02d", 1 + n % 12, 1 + n % 28));
        r.put("address", "四川省甘孜藏族自治州康定市炉城镇" + n + "号");
        r.put("mobile", "1380013" + String.format("%04d", n % 10000));
        return r;
    }

    // ---- HTTP

    static HttpResponse<String> get(NodeProcess node, String path, String key) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + path)).timeout(Duration.ofSeconds(20))
                .header("Pdx-Person", enc("人社局核验员")).header("Pdx-Purpose", enc("参保资格核验"));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(NodeProcess node, String path, String key, Object body) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Pdx-Person", enc("公安局数据员")).header("Pdx-Purpose", enc("人口数据汇聚"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Polls until the condition holds, or fails with the last answer. */
    static <T> T await(Duration timeout, Check<T> probe, Predicate<T> done) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < end) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not reached within " + timeout + "; last: " + last);
    }

    interface Check<T> {
        T get() throws Exception;
    }

    /** The node's usage log for the population resource, oldest first. */
    static List<JsonNode> usageLog(NodeProcess node) throws Exception {
        JsonNode all = json(get(node, "/api/v1/usage-log?resource=" + POPULATION + "&limit=10000", "demo-admin"));
        List<JsonNode> out = new ArrayList<>();
        all.forEach(out::add);
        out.sort((a, b) -> Long.compare(a.get("seq").asLong(), b.get("seq").asLong()));
        return out;
    }

    // ---- queues

    /** A department system on the node's CORE acceptor, as the PSB system. */
    static ActiveMQConnectionFactory core(NodeProcess node) {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + node.corePort
                + "?reconnectAttempts=0&callTimeout=5000");
        cf.setUser(PSB);
        cf.setPassword("demo-system");
        return cf;
    }

    static void send(JMSContext context, String messageId, List<Map<String, Object>> records) throws IOException {
        JMSProducer producer = context.createProducer().setDeliveryMode(jakarta.jms.DeliveryMode.PERSISTENT);
        TextMessage m = context.createTextMessage(JSON.writeValueAsString(records));
        try {
            m.setStringProperty("PdxMessageId", messageId);
            m.setStringProperty("PdxPerson", "公安局人口系统");
            m.setStringProperty("PdxPurpose", "人口数据汇聚");
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
        producer.send(context.createQueue("pdx.in." + POPULATION), m);
    }

    static String body(Message m) throws Exception {
        return m instanceof jakarta.jms.BytesMessage ? new String(m.getBody(byte[].class), StandardCharsets.UTF_8) : m.getBody(String.class);
    }
}
