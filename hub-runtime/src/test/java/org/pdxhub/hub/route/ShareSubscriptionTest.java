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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.route.RouteFiles.route;
import static org.pdxhub.hub.testing.DemoKeys.AGENCY;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;

/**
 * {@code from: pdx:share/{code}}: a grant holder's route gets a resource's records as they land,
 * within its grant and masked for sharing, each delivery a read in the usage log; and from the
 * side of whoever would keep reading after the grant ended: nothing more is delivered. The
 * subscription's position is kept in the store: a route stopped or reloaded (as at a node's
 * restart) goes on where it was, and a route file taking another route's id starts from nothing.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
class ShareSubscriptionTest {

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
    ObjectMapper json;

    Grant grantToMarket(Duration validFor) {
        return grantTo(MARKET, validFor);
    }

    Grant grantTo(String holder, Duration validFor) {
        return grants.issue(holder, POPULATION, Set.of("citizen_id", "person_name"), Set.of(), PURPOSE, Instant.now().minusSeconds(5),
                Instant.now().plus(validFor), GrantSource.SEED, null, null, null, "test");
    }

    /** The bureau's records landing on the node, as its own route sends them. */
    void land(String citizenId, String name) throws Exception {
        RouteFiles.install(camel, "provider.yaml", route("provider-in", "direct:provider-in",
                "- to: \"pdx:ingest/" + POPULATION + "?person=人口系统&purpose=人口基础信息汇聚\""), "provider-in");
        String messageId = "landed-" + UUID.randomUUID();
        producer.sendBodyAndHeader("direct:provider-in", List.of(Map.of("citizen_id", citizenId, "person_name", name, "mobile", "13811112222")),
                "PdxMessageId", messageId);
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
    }

    void subscribe(String routeId, Path folder) throws IOException {
        subscribe(routeId + ".yaml", routeId, MARKET, folder);
    }

    /** Each delivery a file {@code share-<usage-log sequence>.json} in the folder. */
    void subscribe(String file, String routeId, String holder, Path folder) throws IOException {
        RouteFiles.install(camel, file, route(routeId, "pdx:share/" + POPULATION + "?holder=" + holder
                + "&person=市场局登记系统&delay=200", """
                - setHeader:
                    name: CamelFileName
                    simple: "${header.PdxMessageId}.json"
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
            for (Path f : files.sorted(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().replaceAll("\\D", "")))).toList()) {
                for (Map<String, Object> r : json.readValue(f.toFile(), new TypeReference<List<Map<String, Object>>>() {
                })) {
                    names.add(String.valueOf(r.get("person_name")));
                }
            }
        }
        return names;
    }

    List<Map<String, Object>> delivered(Path folder) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return records;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                records.addAll(json.readValue(f.toFile(), new TypeReference<List<Map<String, Object>>>() {
                }));
            }
        }
        return records;
    }

    /** Whether the record of this person reached the department: masked for sharing, the name's first character and a star. */
    boolean deliveredName(Path folder, String name) throws IOException {
        String masked = name.charAt(0) + "*";
        return delivered(folder).stream().anyMatch(r -> masked.equals(r.get("person_name")));
    }

    @Test
    void aGrantHolderGetsLandedRecordsWithinItsGrantMaskedAndEachDeliveryIsAReadInTheUsageLog() throws Exception {
        Grant grant = grantToMarket(Duration.ofDays(30));
        Path folder = RouteFiles.DEPARTMENT.resolve("share-" + UUID.randomUUID());
        try {
            subscribe("market-share", folder);
            land("513301199001010013", "格桑");
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveredName(folder, "格桑"));
            List<Map<String, Object>> records = delivered(folder);
            assertEquals(1, records.size(), "what landed before the subscription started is not delivered: " + records);
            Map<String, Object> record = records.get(0);
            assertEquals(Set.of("citizen_id", "person_name"), record.keySet(), "only the grant's fields: " + record);
            assertFalse(String.valueOf(record.get("citizen_id")).equals("513301199001010013"), "no raw ID leaves the node: " + record);
            assertTrue(sql.count("select count(*) from usage_log where key_id = 'route:market-share' and decision = 'DELIVERED'"
                    + " and destination = 'SHARE' and organisation = ? and purpose = ? and person = ? and grant_id = ?",
                    MARKET, PURPOSE, "市场局登记系统", grant.id()) >= 1, "each delivery is a read with the grant's purpose and the route's person");
        } finally {
            grants.revoke(grant.id(), "test");
            RouteFiles.remove(camel, "market-share.yaml", "market-share");
        }
    }

    @Test
    void aRevokedGrantStopsDeliveryAtOnce() throws Exception {
        Grant grant = grantToMarket(Duration.ofDays(30));
        Path folder = RouteFiles.DEPARTMENT.resolve("share-" + UUID.randomUUID());
        try {
            subscribe("market-revoked", folder);
            land("513301198807070029", "次仁");
            await().atMost(Duration.ofSeconds(15)).until(() -> deliveredName(folder, "次仁"));
            grants.revoke(grant.id(), "test");
            land("513301199001010013", "卓玛");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> !deliveredName(folder, "卓玛"));
            assertEquals(0, sql.count("select count(*) from usage_log where key_id = 'route:market-revoked' and decision = 'DELIVERED'"
                    + " and at > (select revoked_at from grant_record where id = ?)", grant.id()), "no read after the revocation");
        } finally {
            grants.revoke(grant.id(), "test");
            RouteFiles.remove(camel, "market-revoked.yaml", "market-revoked");
        }
    }

    @Test
    void anExpiredGrantStopsDeliveryAtOnce() throws Exception {
        Grant grant = grantToMarket(Duration.ofSeconds(4));
        Path folder = RouteFiles.DEPARTMENT.resolve("share-" + UUID.randomUUID());
        try {
            subscribe("market-expired", folder);
            await().atMost(Duration.ofSeconds(10)).until(() -> !"LIVE".equals(grants.find(grant.id()).orElseThrow().stateAt(Instant.now())));
            land("513301198807070029", "多吉");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> !deliveredName(folder, "多吉"));
        } finally {
            grants.revoke(grant.id(), "test");
            RouteFiles.remove(camel, "market-expired.yaml", "market-expired");
        }
    }

    @Test
    void aSubscriptionWithoutALiveGrantIsRefusedAtLoadSayingWhy() throws Exception {
        RouteFiles.awaitRefused("no-grant.yaml", route("no-grant", "pdx:share/" + POPULATION + "?holder=" + HRSS + "&person=人社系统",
                "- to: \"log:x\""), HRSS, "holds no grant", "share-requests");
        Grant revoked = grantToMarket(Duration.ofDays(1));
        grants.revoke(revoked.id(), "test");
        RouteFiles.awaitRefused("revoked.yaml", route("revoked", "pdx:share/" + POPULATION + "?holder=" + MARKET + "&person=市场局",
                "- to: \"log:x\""), revoked.id(), "REVOKED");
        RouteFiles.awaitRefused("no-holder.yaml", route("no-holder", "pdx:share/" + POPULATION + "?person=x", "- to: \"log:x\""), "holder");
        Grant live = grantToMarket(Duration.ofDays(1));
        try {
            RouteFiles.awaitRefused("no-person.yaml", route("no-person", "pdx:share/" + POPULATION + "?holder=" + MARKET, "- to: \"log:x\""),
                    "person");
            RouteFiles.awaitRefused("own-purpose.yaml", route("own-purpose", "pdx:share/" + POPULATION + "?holder=" + MARKET
                    + "&person=x&purpose=anything", "- to: \"log:x\""), "grant was given for");
        } finally {
            grants.revoke(live.id(), "test");
        }
    }

    /** Its position is kept under the route's id; Camel's generated id (route1, route2...) changes with the next load. */
    @Test
    void aSubscriptionOrReturnRouteWithoutAnIdIsRefusedAtLoadSayingToAddOne() throws Exception {
        Grant grant = grantTo(MARKET, Duration.ofDays(1));
        try {
            RouteFiles.awaitRefused("no-id-share.yaml", """
                    - route:
                        from:
                          uri: "pdx:share/%s?holder=%s&person=市场局登记系统"
                          steps:
                            - to: "log:x"
                    """.formatted(POPULATION, MARKET), "pdx:share/" + POPULATION, "without an id", "add 'id:'");
            RouteFiles.awaitRefused("no-id-return.yaml", """
                    - from:
                        uri: "pdx:return/%s"
                        steps:
                          - to: "log:x"
                    """.formatted(MARKET), "pdx:return/" + MARKET, "without an id", "add 'id:'");
        } finally {
            grants.revoke(grant.id(), "test");
        }
    }

    @Test
    void aSubscriptionStoppedMidStreamAndStartedAgainDeliversEveryRecordAtLeastOnceInOrder() throws Exception {
        Grant grant = grantTo(MARKET, Duration.ofDays(1));
        String id = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        Path folder = RouteFiles.DEPARTMENT.resolve("share-" + id);
        try {
            subscribe(id + ".yaml", id, MARKET, folder);
            land("513301199001010013", "格桑");
            await().atMost(Duration.ofSeconds(15)).until(() -> names(folder).contains("格*"));

            // The route goes away (a reload, a node's restart: its consumer and what it held in memory are gone) ...
            RouteFiles.remove(camel, id + ".yaml", id);
            land("513301198807070029", "次仁");
            land("513301199203030039", "卓玛");
            // ... and comes back: it goes on from its stored position, not from "now".
            subscribe(id + ".yaml", id, MARKET, folder);
            await().atMost(Duration.ofSeconds(15)).until(() -> names(folder).containsAll(List.of("次*", "卓*")));

            // Stopped and started by Camel's route controller, while records keep landing.
            camel.getRouteController().stopRoute(id);
            land("513301198505050049", "白玛");
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
        Grant market = grantTo(MARKET, Duration.ofDays(1));
        Grant other = grantTo(AGENCY, Duration.ofDays(1));
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
            subscribe("other-" + id + ".yaml", id, AGENCY, otherFolder);
            land("513301199203030039", "卓玛");
            await().atMost(Duration.ofSeconds(15)).until(() -> names(otherFolder).contains("卓*"));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> !names(otherFolder).contains("次*"));
            assertFalse(names(otherFolder).contains("格*"), names(otherFolder).toString());
            assertEquals(2, sql.count("select count(*) from share_position where route_id = ?", id), "one position per holder");
        } finally {
            grants.revoke(market.id(), "test");
            grants.revoke(other.id(), "test");
            RouteFiles.remove(camel, "other-" + id + ".yaml", id);
        }
    }
}
