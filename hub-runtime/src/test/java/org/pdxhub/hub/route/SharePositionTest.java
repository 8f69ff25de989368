package org.pdxhub.hub.route;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.pdxhub.hub.route.RouteFiles.route;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;

/**
 * The position of a {@code pdx:share} subscription is kept in the store: a route stopped or
 * reloaded (as at a node's restart) goes on where it was, delivering everything at least once, in
 * order; and a route file that takes another route's id with another holder starts from nothing.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
class SharePositionTest {

    static final String POPULATION = ShareSubscriptionTest.POPULATION;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    @Inject
    ObjectMapper json;

    Grant grantTo(String holder) {
        return grants.issue(holder, POPULATION, Set.of("citizen_id", "person_name"), Set.of(), ShareSubscriptionTest.PURPOSE,
                Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofDays(1)), GrantSource.SEED, null, null, null, "test");
    }

    void land(String citizenId, String name) throws IOException {
        RouteFiles.install(camel, "provider.yaml", route("provider-in", "direct:provider-in",
                "- to: \"pdx:ingest/" + POPULATION + "?person=人口系统&purpose=人口基础信息汇聚\""), "provider-in");
        String messageId = "landed-" + UUID.randomUUID();
        producer.sendBodyAndHeader("direct:provider-in", List.of(Map.of("citizen_id", citizenId, "person_name", name)), "PdxMessageId", messageId);
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
    }

    void subscribe(String file, String routeId, String holder, Path folder) throws IOException {
        RouteFiles.install(camel, file, route(routeId, "pdx:share/" + POPULATION + "?holder=" + holder + "&person=部门系统&delay=200", """
                - setHeader:
                    name: CamelFileName
                    simple: "${header.PdxUsageLogSeq}.json"
                - to: "file:%s"
                """.formatted(folder)), routeId);
    }

    /** The masked names delivered, in the order of the deliveries (the usage-log sequence), each as often as it came. */
    List<String> names(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return names;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().replace(".json", "")))).toList()) {
                for (Map<String, Object> r : json.readValue(f.toFile(), new TypeReference<List<Map<String, Object>>>() {
                })) {
                    names.add(String.valueOf(r.get("person_name")));
                }
            }
        }
        return names;
    }

    @Test
    void aSubscriptionStoppedMidStreamAndStartedAgainDeliversEveryRecordAtLeastOnceInOrder() throws Exception {
        Grant grant = grantTo(MARKET);
        String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        Path folder = RouteFiles.DEPARTMENT.resolve("share-" + id);
        try {
            subscribe(id + ".yaml", id, MARKET, folder);
            land("513301199001010013", "格桑");
            await().atMost(Duration.ofSeconds(15)).until(() -> names(folder).contains("格*"));

            // The route goes away (a reload, a node's restart: its consumer and what it held in memory are gone) ...
            RouteFiles.remove(camel, id + ".yaml", id);
            land("513301198807070029", "次仁");
            land("513301199203030035", "卓玛");
            // ... and comes back: it goes on from its stored position, not from "now".
            subscribe(id + ".yaml", id, MARKET, folder);
            await().atMost(Duration.ofSeconds(15)).until(() -> names(folder).containsAll(List.of("次*", "卓*")));

            // Stopped and started by Camel's route controller, while records keep landing.
            camel.getRouteController().stopRoute(id);
            land("513301198505050041", "白玛");
            camel.getRouteController().startRoute(id);
            await().atMost(Duration.ofSeconds(15)).until(() -> names(folder).contains("白*"));

            assertEquals(List.of("格*", "次*", "卓*", "白*"), List.copyOf(new LinkedHashSet<>(names(folder))),
                    "every record, in the order it landed: " + names(folder));
        } finally {
            grants.revoke(grant.id(), "test");
            RouteFiles.remove(camel, id + ".yaml", id);
        }
    }

    @Test
    void aRouteFileNamingAnotherRoutesPositionCannotReadIt() throws Exception {
        Grant market = grantTo(MARKET);
        Grant hrss = grantTo(HRSS);
        String id = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        Path marketFolder = RouteFiles.DEPARTMENT.resolve("share-" + id + "-market");
        Path otherFolder = RouteFiles.DEPARTMENT.resolve("share-" + id + "-other");
        try {
            subscribe(id + ".yaml", id, MARKET, marketFolder);
            land("513301199001010013", "格桑");
            await().atMost(Duration.ofSeconds(15)).until(() -> names(marketFolder).contains("格*"));
            RouteFiles.remove(camel, id + ".yaml", id);
            land("513301198807070029", "次仁");

            // Another organisation's route file takes the market route's id: it does not get the market's position
            // (which would hand it what landed before it subscribed), it starts its own.
            subscribe("other-" + id + ".yaml", id, HRSS, otherFolder);
            land("513301199203030035", "卓玛");
            await().atMost(Duration.ofSeconds(15)).until(() -> names(otherFolder).contains("卓*"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !names(otherFolder).contains("次*"));
            assertFalse(names(otherFolder).contains("格*"), names(otherFolder).toString());
            assertEquals(2, sql.count("select count(*) from share_position where route_id = ?", id), "one position per holder");
        } finally {
            grants.revoke(market.id(), "test");
            grants.revoke(hrss.id(), "test");
            RouteFiles.remove(camel, "other-" + id + ".yaml", id);
        }
    }
}
