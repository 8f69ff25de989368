package org.pdxhub.hub.console;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pdxhub.hub.account.Account;
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.account.Sessions;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.link.ChildRequests;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;
import org.pdxhub.hub.today.DueItemSource;
import org.pdxhub.hub.usereview.UseReviews;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.AGENCY;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.admin;

/**
 * Every console page, timed at the volume the console is meant for: 2,000 catalog resources and
 * 1,000,000 usage-log entries, sealed and chained by the node's own usage log (runs of 5,000, as a
 * batch consumer writes them), spread over a year, four organisations, 50 people and 20 grants.
 * Every page a user reaches is asked 20 times (after one unmeasured round of all pages, 3 times each)
 * by a logged-in reviewer, or the administrator for the pages that are theirs; p50 and p95 are written
 * to {@code target/console-pages.csv}, after what Today's due-item sources and the review-of-use report
 * cost in process. A
 * bench, not a timing test: it checks that every page answers, and that the pages whose figures
 * are counted (the review of use of a grant, the supervision of last month) show what the usage log
 * holds; the times are for bench/README.md.
 *
 * <p>Not part of the ordinary suite (the seed takes minutes): run it with
 * {@code -Dtest=ConsolePagesAtScaleTest -Dbench.console-pages=true}; figures in bench/README.md.
 */
@QuarkusTest
@TestProfile(ConsolePagesAtScaleTest.OwnStore.class)
@EnabledIfSystemProperty(named = "bench.console-pages", matches = "true")
class ConsolePagesAtScaleTest {

    /** A store of its own: the million entries must not meet other tests. */
    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of();
        }
    }

    static final int RESOURCES = Integer.getInteger("bench.console-pages.resources", 2_000);
    static final long ENTRIES = Long.getLong("bench.console-pages.entries", 1_000_000L);
    static final int RUN = 5_000;
    static final int MEASURED = 20;
    static final int WARM_UP = 3;
    static final String[] ORGANISATIONS = {AGENCY, PSB, MARKET, HRSS};
    static final String[] PURPOSES = {"人口核验", "参保登记核验", "企业开办审批核验", "户籍登记比对", "灵活就业人员参保动员"};

    @Inject
    UsageLog log;

    @Inject
    Grants grants;

    @Inject
    Accounts accounts;

    @Inject
    Sessions sessions;

    @Inject
    Sql sql;

    @Inject
    RelayedRequests relayed;

    @Inject
    UseReviews useReviews;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    @Inject
    @Any
    Instance<DueItemSource> dueSources;

    @Test
    void everyPageAnswersRightWith2000ResourcesAndAMillionUsageLogEntries() throws Exception {
        MovableClock clock = new MovableClock(LocalDate.parse("2025-12-01"));
        QuarkusMock.installMockForType(clock, Clock.class);
        long t0 = System.nanoTime();
        List<String> codes = seedCatalog();
        long catalogMs = (System.nanoTime() - t0) / 1_000_000;

        List<Grant> issued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            issued.add(grants.issue(ORGANISATIONS[i % 4], codes.get(i), Set.of("code_no"), Set.of(), PURPOSES[i % PURPOSES.length],
                    clock.instant(), clock.instant().plus(Duration.ofDays(3650)), GrantSource.SHARE_REQUEST, "SR-bench-" + i, null, null, "bench"));
        }
        t0 = System.nanoTime();
        seedUsageLog(clock, codes, issued);
        long usageMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        UsageLog.Verification whole = log.verify(1L);
        long verifyMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(whole.intact(), "the seeded chain verifies: " + whole.problem());
        log.signHead();
        assertEquals(ENTRIES, sql.count("select count(*) from usage_log"));

        String request = disputedShareRequest();
        String relayedItem = relayedDispute();
        int latest = given().auth().oauth2("demo-reviewer").get("/api/v1/catalog/resources/GZ-PSB-POP-001").then().statusCode(200)
                .extract().path("latestVersion");

        String reviewer = sessions.open(accounts.find("reviewer").orElseThrow()).id();
        String administrator = sessions.open(accounts.find("admin").orElseThrow()).id();
        String code = codes.get(RESOURCES / 2);
        String grant = issued.get(3).id();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("today", "/");
        pages.put("catalog", "/catalog");
        pages.put("catalog page 30", "/catalog?page=30");
        pages.put("catalog search", "/catalog?q=" + code);
        pages.put("catalog filtered", "/catalog?provider=" + MARKET + "&shareType=UNCONDITIONAL");
        pages.put("resource", "/catalog/" + code);
        pages.put("resource diff", "/catalog/GZ-PSB-POP-001?from=" + Math.max(1, latest - 1) + "&to=" + latest);
        pages.put("new draft", "/catalog/new");
        pages.put("import form", "/catalog/import");
        pages.put("requests", "/requests");
        pages.put("requests open", "/requests?status=DISPUTED");
        pages.put("request", "/requests/share/" + request);
        pages.put("use", "/use");
        pages.put("use by resource", "/use?resource=" + codes.get(7));
        pages.put("use by organisation", "/use?organisation=" + HRSS);
        pages.put("use by person", "/use?person=bench-person-17");
        pages.put("use by time", "/use?from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z");
        pages.put("use by resource, older page", "/use?resource=" + codes.get(7) + "&to=2026-03-01T00:00:00Z");
        pages.put("verify", "/use/verify");
        pages.put("lineage", "/use/lineage?resource=" + issued.get(3).resourceCode() + "&key=4711");
        pages.put("review of use", "/reviews/use/" + grant);
        pages.put("review of use, flags page 2", "/reviews/use/" + grant + "?page=2");
        pages.put("review of use, refusals", "/reviews/use/" + grant + "?kind=REFUSED");
        pages.put("sealing", "/reviews/sealing/" + grant);
        pages.put("relayed review", "/reviews/relayed/" + relayedItem);
        pages.put("reassessment", "/reviews/reassessments/" + code);
        pages.put("new complaint", "/reviews/complaints/new");
        pages.put("supervision", "/supervision");
        // Asked again last: what is left of the order's effect after the warm-up round.
        pages.put("today, asked again last", "/");
        Map<String, String> adminPages = new LinkedHashMap<>();
        adminPages.put("operations", "/operations");
        adminPages.put("administration", "/admin");
        adminPages.put("calendar", "/admin/calendar");

        // One unmeasured round of every page first: the first page measured would otherwise pay for the seed's garbage and cold caches.
        for (int i = 0; i < WARM_UP; i++) {
            pages.values().forEach(path -> given().cookie(Sessions.COOKIE, reviewer).redirects().follow(false).get(path));
            adminPages.values().forEach(path -> given().cookie(Sessions.COOKIE, administrator).redirects().follow(false).get(path));
        }
        List<String> lines = new ArrayList<>();
        lines.add("page,path,as,p50_ms,p95_ms,max_ms,status");
        lines.addAll(todaySources());
        try {
            lines.add(inProcess("review of use, the report alone", () -> useReviews.find(grant, accounts.find("reviewer").orElseThrow().asCaller())));
        } catch (RuntimeException e) {
            lines.add("# review of use, the report alone: not timed, " + e);
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (var p : pages.entrySet()) {
            answers.put(p.getKey(), time(p.getKey(), p.getValue(), "reviewer", reviewer, lines));
        }
        for (var p : adminPages.entrySet()) {
            answers.put(p.getKey(), time(p.getKey(), p.getValue(), "admin", administrator, lines));
        }
        lines.add("# seed: " + RESOURCES + " resources in " + catalogMs + " ms; " + ENTRIES + " usage-log entries in " + usageMs
                + " ms; whole-chain verify (leaves the checkpoint) " + verifyMs + " ms");
        Path out = Path.of("target", "console-pages.csv");
        Files.write(out, lines);
        lines.forEach(System.out::println);

        long reads = sql.count("select count(*) from usage_log where grant_id = ? and decision = 'DELIVERED'", grant);
        assertTrue(reads > 0, "the bench grant was read under");
        assertTrue(answers.get("review of use").contains("<dd id=\"reads\">" + reads + "</dd>"),
                "the review of use counts every read under the grant: " + reads);
        String lastMonth = YearMonth.from(clock.instant().atZone(clock.getZone())).minusMonths(1).toString();
        assertTrue(answers.get("supervision").contains("id=\"totals\""), "the supervision page shows last month's totals");
        assertEquals(1, sql.count("select count(*) from closed_period_use where period_code = ? and scope = 'PLATFORM'", lastMonth),
                "last month's reads by purpose were counted once and kept");
    }

    /** p50 / p95 of MEASURED calls of {@code work} in process, without HTTP or rendering. */
    private static String inProcess(String name, Runnable work) {
        long[] us = new long[MEASURED];
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            long t = System.nanoTime();
            work.run();
            if (i >= WARM_UP) {
                us[i - WARM_UP] = (System.nanoTime() - t) / 1_000;
            }
        }
        Arrays.sort(us);
        return "# " + name + ": p50 " + us[MEASURED / 2] / 1000.0 + " ms, p95 " + us[(int) Math.ceil(MEASURED * 0.95) - 1] / 1000.0 + " ms";
    }

    /** What each feature's due items cost the reviewer's Today, asked as the page asks them (p50 / p95 of MEASURED). */
    private List<String> todaySources() {
        Account account = accounts.find("reviewer").orElseThrow();
        Caller person = account.asCaller();
        var identity = QuarkusSecurityIdentity.builder().setPrincipal(person);
        account.roles().forEach(r -> identity.addRole(r.name()));
        List<String> out = new ArrayList<>();
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            identities.setIdentity(identity.build());
            for (DueItemSource source : dueSources) {
                String name = "today source " + source.getClass().getSimpleName().replaceAll("_.*", "");
                try {
                    out.add(inProcess(name, () -> source.dueFor(person)));
                } catch (RuntimeException e) {
                    out.add("# " + name + ": not timed, " + e);
                }
            }
        } finally {
            request.terminate();
        }
        return out;
    }

    /** A share request of human resources refused by the population resource's provider and disputed: open in the agency's queue. */
    private static String disputedShareRequest() {
        Map<String, Object> ask = new HashMap<>();
        ask.put("resource", "GZ-PSB-POP-001");
        ask.put("fields", List.of("citizen_id"));
        ask.put("purpose", "社会保险参保登记核验");
        ask.put("scenario", "社会保险参保登记时核验参保人身份");
        ask.put("basis", "《社会保险法》第五十七条");
        ask.put("goal", "参保登记一次办结");
        ask.put("securityMeasures", "专线传输，访问留痕，数据不落地");
        ask.put("commitment", "本单位承诺所填内容真实，数据使用安全、合规");
        ask.put("acceptedMeasures", List.of("transport", "access-log", "purpose-only", "delete-after-use"));
        String id = given().auth().oauth2("demo-specialist-hrss").contentType("application/json").body(ask).post("/api/v1/share-requests")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2("demo-specialist").contentType("application/json")
                .body(Map.of("decision", "REJECT", "reason", "字段超出所需", "basis", "《数据共享目录》共享条件"))
                .post("/api/v1/share-requests/" + id + "/decision").then().statusCode(200);
        given().auth().oauth2("demo-specialist-hrss").contentType("application/json").body(Map.of("reason", "参保登记须核验身份"))
                .post("/api/v1/share-requests/" + id + "/dispute").then().statusCode(200);
        return id;
    }

    /** A dispute sent up by a county node, as it arrives over the link: the relayed-review page's item. */
    private String relayedDispute() throws Exception {
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        Map<String, Object> dispute = new HashMap<>();
        dispute.put("agency", AGENCY);
        dispute.put("requestId", "R-KD-" + origin.substring(origin.length() - 6));
        dispute.put("kind", "SHARE");
        dispute.put("resource", "KD-CIVIL-009");
        dispute.put("requester", ChildRequests.KANGDING);
        dispute.put("provider", "11513301MB0000003Q");
        dispute.put("refusal", "用途不明");
        dispute.put("refusalBasis", "共享条件");
        dispute.put("disputeReason", "用于低保资格核验");
        dispute.put("receivedOn", "2025-11-27");
        dispute.put("dueBy", "2025-12-04");
        dispute.put("fromNode", "kangding");
        relayed.receive(ChildRequests.request(camel, "DISPUTE_DECISION", origin, "KD-CIVIL-009", json.writeValueAsBytes(dispute)),
                ChildRequests.child("kangding"));
        return sql.one("select local_request_id from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
    }

    /** Asks a page WARM_UP + MEASURED times; no answer may be a failure (a 404 page is an answer); returns the last one. */
    private static String time(String name, String path, String who, String session, List<String> lines) {
        long[] ms = new long[MEASURED];
        int status = 0;
        String body = null;
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            long t = System.nanoTime();
            var r = given().cookie(Sessions.COOKIE, session).redirects().follow(false).get(path);
            long took = (System.nanoTime() - t) / 1_000_000;
            status = r.statusCode();
            body = r.asString();
            assertTrue(status < 500, name + " " + path + " answered " + status + ": " + body);
            if (i >= WARM_UP) {
                ms[i - WARM_UP] = took;
            }
        }
        Arrays.sort(ms);
        long p50 = ms[MEASURED / 2];
        long p95 = ms[(int) Math.ceil(MEASURED * 0.95) - 1];
        lines.add(name + "," + path.replace(',', ';') + "," + who + "," + p50 + "," + p95 + "," + ms[MEASURED - 1] + "," + status);
        return body;
    }

    /** The catalog as a department's import brings it: one CSV, drafts, 2,000 resources of the four organisations. */
    private static List<String> seedCatalog() {
        StringBuilder csv = new StringBuilder("code,name,provider,category,shareType,shareConditions,openType,openBasis,updateCycle,item,type,sensitivity\n");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RESOURCES; i++) {
            String code = String.format("BENCH-%04d", i);
            codes.add(code);
            csv.append(code).append(",台账数据 ").append(i).append(',').append(ORGANISATIONS[i % 4]).append(",DEPARTMENT,")
                    .append(i % 3 == 0 ? "CONDITIONAL,仅用于本部门办事核验" : "UNCONDITIONAL,").append(",NONE,《政府信息公开条例》第十四条,DAILY,code_no,STRING,1\n");
        }
        admin().contentType("text/csv; charset=UTF-8").body(csv.toString()).post("/api/v1/catalog/import").then().log().ifValidationFails().statusCode(201);
        return codes;
    }

    /** A million entries as the gate writes them, through the node's own sealing, half a minute apart. */
    private void seedUsageLog(MovableClock clock, List<String> codes, List<Grant> issued) {
        long seq = 0;
        while (seq < ENTRIES) {
            try (UsageLog.Run run = log.openRun()) {
                for (int i = 0; i < RUN && seq < ENTRIES; i++, seq++) {
                    clock.set(clock.instant().plusSeconds(30));
                    log.append(entry(seq, codes, issued));
                }
                run.commit();
            }
        }
    }

    private static UsageEntry entry(long n, List<String> codes, List<Grant> issued) {
        boolean underGrant = n % 10 == 0;
        Grant g = issued.get((int) (n / 10 % issued.size()));
        String resource = underGrant ? g.resourceCode() : codes.get((int) (n % codes.size()));
        String organisation = underGrant ? g.holderUscc() : ORGANISATIONS[(int) (n % 4)];
        UsageDecision decision = n % 50 == 0 ? UsageDecision.REFUSED : UsageDecision.DELIVERED;
        return new UsageEntry(null, 0, Instant.EPOCH, "bench-person-" + (n % 50), organisation, PURPOSES[(int) (n % PURPOSES.length)],
                underGrant ? g.id() : null, resource, underGrant ? "SHARE" : "AGGREGATION", "code_no", 20, 0, decision,
                decision == UsageDecision.REFUSED ? "grant.fields-exceeded" : null, null, "a".repeat(64), "trace-" + n,
                "bench-msg-" + n, null, null, null);
    }
}
