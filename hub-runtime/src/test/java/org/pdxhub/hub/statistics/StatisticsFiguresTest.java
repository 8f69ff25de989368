package org.pdxhub.hub.statistics;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pdxhub.hub.store.Sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The figures of bench/README.md "Statistics over 1,000,000 records": the time of a statistics
 * query over HTTP on an open resource of 1,000,000 held records, the first one (which builds the
 * resource's stats rows) and the median of those after, against reading every record as before.
 * The records are written straight into dataset_record in batches (the landing path's figures are
 * elsewhere). Run on demand: {@code -Dfigures=true -Dtest=StatisticsFiguresTest}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "figures", matches = "true")
class StatisticsFiguresTest {

    static final String ENTITIES = "GZ-SAMR-ENT-001";
    static final int RECORDS = 1_000_000;
    static final String[] STATUSES = {"存续", "在业", "吊销", "注销"};

    @Inject
    Sql sql;

    @Inject
    Statistics statistics;


    @Test
    void aStatisticsQueryOverAMillionRecords() throws Exception {
        StringBuilder out = new StringBuilder();
        long t = System.nanoTime();
        if (sql.count("select count(*) from dataset_record where resource_code = ?", ENTITIES) < RECORDS) {
            // Landed an hour ago: the figures are of queries over what is held, not of the first minute after a bulk landing.
            Instant now = Instant.now().minusSeconds(3600);
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                String key = String.format("FIG%015d", i);
                String payload = "{\"uscc\":\"" + key + "\",\"entity_name\":\"统计样本公司" + i + "\",\"registration_date\":\""
                        + LocalDate.of(2020, 1, 1).plusDays(i % 366) + "\",\"registered_capital\":" + (i % 5_000) + ",\"business_status\":\""
                        + STATUSES[i % STATUSES.length] + "\"}";
                rows.add(new Object[]{ENTITIES, key, payload, key.substring(0, 10), now});
                if (rows.size() == 10_000) {
                    insert(rows);
                }
            }
            insert(rows);
        }
        long held = sql.count("select count(*) from dataset_record where resource_code = ?", ENTITIES);
        out.append(String.format("held records: %,d (seeded by batch insert in %.1f s)%n", held, (System.nanoTime() - t) / 1e9));

        // The way before: Datasets.forEach, pages of 5,000 in key order, each parsed and grouped in Java. One page is
        // timed (with its ORDER BY as it is, which H2 answers by sorting the resource's records), not the 200.
        t = System.nanoTime();
        try {
            int page = sql.list("select record_key, payload from dataset_record where resource_code = ? and record_key > ? order by record_key"
                    + " limit 5000", rs -> rs.getString(1), ENTITIES, "").size();
            out.append(String.format("the way before, one page of %d of the 200 a scan reads: %.2f s%n", page, (System.nanoTime() - t) / 1e9));
        } catch (RuntimeException timedOut) {
            out.append(String.format("the way before, the first of the 200 pages a scan reads: refused by the store's statement timeout"
                    + " after %.2f s%n", (System.nanoTime() - t) / 1e9));
        }
        // In process: building the rows for a million records takes longer than an HTTP client here waits.
        sql.update("delete from stats_budget where resource_code = ?", ENTITIES);
        t = System.nanoTime();
        statistics.query(ENTITIES, "business_status", "count", 0.5, new Statistics.Asker(null, "figures", null, null));
        out.append(String.format("first query (in process), building the stats rows: %.2f s%n", (System.nanoTime() - t) / 1e9));
        for (String[] q : new String[][]{{"business_status", "count"}, {"business_status,registration_date", "sum:registered_capital"}}) {
            long[] ms = new long[7];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = query(q[0], q[1]);
            }
            Arrays.sort(ms);
            out.append(String.format("by=%s measure=%s: median %d ms of %d (min %d, max %d)%n", q[0], q[1], ms[ms.length / 2], ms.length,
                    ms[0], ms[ms.length - 1]));
        }
        sql.update("insert into dataset_record (resource_code, record_key, payload, resource_version, source_node, source_org, message_id,"
                        + " received_at, passage_seq) values (?, ?, ?, 1, 'figures', '11513300MB0000003L', ?, ?, 0)", ENTITIES, "FIG-late",
                "{\"business_status\":\"存续\",\"registered_capital\":1}", "FIG-late", Instant.now());
        out.append(String.format("a query after one more record landed: %d ms%n", query("business_status", "count")));
        System.out.print(out);
        Files.writeString(Path.of("target", "statistics-figures.txt"), out);
    }

    private void insert(List<Object[]> rows) {
        sql.batch("insert into dataset_record (resource_code, record_key, payload, resource_version, source_node, source_org, message_id,"
                + " received_at, passage_seq) values (?, ?, ?, 1, 'figures', '11513300MB0000003L', ?, ?, 0)", rows);
        rows.clear();
    }

    /** One query over HTTP, with a fresh budget; milliseconds. */
    private long query(String by, String measure) {
        sql.update("delete from stats_budget where resource_code = ?", ENTITIES);
        long t = System.nanoTime();
        int status = given().when().get("/api/v1/open/resources/" + ENTITIES + "/stats?by=" + by + "&measure=" + measure + "&epsilon=0.5")
                .then().extract().statusCode();
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertEquals(200, status);
        return ms;
    }
}
