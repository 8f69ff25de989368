package org.pdxhub.hub.verification;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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

import static org.awaitility.Awaitility.await;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * The figures of bench/README.md "Verification against a share read": verifications per second in
 * batches of 1 and of 10,000, and a share read of the same 10,000 records, over HTTP on this
 * machine. Run on demand: {@code -Dfigures=true -Dtest=VerificationFiguresTest}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "figures", matches = "true")
class VerificationFiguresTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final int RECORDS = 10_000;
    static final String SURNAMES = "泽格次扎卓拉白央";

    @Inject
    Grants grants;

    @Inject
    Sql sql;

    @Test
    void verificationsPerSecondAgainstAShareReadOfTheSameRecords() throws Exception {
        List<Map<String, Object>> people = new ArrayList<>();
        List<Map<String, Object>> asked = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            String id = VerificationTest.id(String.format("5133241980%02d%02d%03d", 1 + i % 12, 1 + (i / 12) % 28, i / (12 * 28)));
            String name = SURNAMES.charAt(i % SURNAMES.length()) + "某某";
            people.add(Map.of("citizen_id", id, "person_name", name, "birth_date", "1980-01-01", "address", "四川省甘孜藏族自治州道孚县",
                    "mobile", "13700000000"));
            asked.add(Map.of("citizen_id", id, "person_name", name, "birth_date", "1980-01-01"));
        }
        for (int from = 0; from < RECORDS; from += 2_000) {
            system().header("Pdx-Person", "pop-system").header("Pdx-Purpose", "population-aggregation")
                    .body(people.subList(from, from + 2_000)).when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> sql.count("select count(*) from dataset_record where resource_code = ?", POPULATION) >= RECORDS);
        for (Grant g : grants.heldBy(HRSS)) {
            grants.revoke(g.id(), "figures");
        }
        Grant v = grants.issue(HRSS, POPULATION, Set.of("person_name", "birth_date"), Set.of(), "figures", Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.VERIFICATION_REQUEST, null, null, null, "figures");
        sql.update("insert into verification_terms (grant_id, records_per_day, calls_per_minute, unknown_distinct, set_at, set_by)"
                + " values (?,?,?,?,?,?)", v.id(), 100_000_000, 1_000_000, false, Instant.now(), "figures");
        grants.issue(HRSS, POPULATION, Set.of("citizen_id", "person_name", "birth_date"), Set.of(), "figures", Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.SEED, null, null, null, "figures");

        StringBuilder out = new StringBuilder("| what | calls | records | seconds | calls/s | records/s |\n|---|---|---|---|---|---|\n");
        for (int round = 0; round < 2; round++) {
            out.setLength(out.indexOf("|---|---|---|---|---|---|\n") + 26);
            int ones = 1_000;
            long t = System.nanoTime();
            for (int i = 0; i < ones; i++) {
                verify(List.of(asked.get(i % RECORDS)));
            }
            line(out, "verify, batches of 1", ones, ones, System.nanoTime() - t);
            int big = 5;
            t = System.nanoTime();
            for (int i = 0; i < big; i++) {
                verify(asked);
            }
            line(out, "verify, batches of 10,000", big, big * RECORDS, System.nanoTime() - t);
            t = System.nanoTime();
            for (int i = 0; i < big; i++) {
                as("demo-system-hrss").header("Pdx-Person", "hr-system").header("Pdx-Purpose", "figures")
                        .when().get("/api/v1/exchange/" + POPULATION + "/records?limit=" + RECORDS).then().statusCode(200);
            }
            line(out, "share read, 10,000 records", big, big * RECORDS, System.nanoTime() - t);
        }
        System.out.println(out);
        Files.writeString(Path.of("target/verification-figures.md"), out);
    }

    private static void verify(List<Map<String, Object>> records) {
        as("demo-system-hrss").header("Pdx-Person", "hr-system").header("Pdx-Purpose", "figures")
                .body(Map.of("records", records)).when().post("/api/v1/verify/" + POPULATION).then().statusCode(200);
    }

    private static void line(StringBuilder out, String what, int calls, int records, long nanos) {
        double s = nanos / 1e9;
        out.append(String.format("| %s | %d | %d | %.2f | %.1f | %.0f |%n", what, calls, records, s, calls / s, records / s));
    }
}
