package org.pdxhub.hub.supervision;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.supervision.quality.QualityCheck;
import org.pdxhub.hub.supervision.reports.Period;
import org.pdxhub.hub.supervision.reports.ReportBuilder;
import org.pdxhub.hub.supervision.reports.ReportFigures;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.ResourceSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Figures for bench/README.md, run on demand (-Dsupervision.bench=true): the quality step's cost per
 * record, and a report's generation time for 50 departments, 2,000 resources and a year of counters.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "supervision.bench", matches = "true")
class SupervisionScaleBench {

    @Inject
    QualityCheck check;

    @Inject
    Catalog catalog;

    @Inject
    Sql sql;

    @Inject
    ReportBuilder builder;

    @Test
    void measure() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append(perRecord("GZ-PSB-POP-001 (no quality rules: counting only)", catalog.publishedSpec("GZ-PSB-POP-001").orElseThrow(), false));
        QualityTest.publish(QualityTest.residents("GZ-PSB-BENCH-001"));
        out.append(perRecord("GZ-PSB-BENCH-001 (5 rules on 6 items: range, enumeration, future date, 2 cross-field)",
                catalog.publishedSpec("GZ-PSB-BENCH-001").orElseThrow(), true));
        Files.writeString(Path.of("target/supervision-bench.txt"), out);
        out.append(report());
        Files.writeString(Path.of("target/supervision-bench.txt"), out);
        System.out.println(out);
    }

    private String perRecord(String label, ResourceSpec spec, boolean rules) {
        List<Map<String, Object>> template = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> r = new HashMap<>();
            String id = Ids.citizen("19850412", i % 100, i % 2 == 0);
            if (rules) {
                r.putAll(QualityTest.resident(id, "1985-04-12", i % 2 == 0 ? "男" : "女", 41, "在册"));
            } else {
                r.put("citizen_id", id);
                r.put("person_name", "某某");
                r.put("birth_date", "1985-04-12");
                r.put("address", "康定市光明路" + i + "号");
                r.put("mobile", "13800138000");
            }
            template.add(r);
        }
        GateContext ctx = new GateContext(spec, Destination.AGGREGATION, spec.providerUscc(), "bench", "bench", null, Set.of(), null,
                "bench", "t", "m", Instant.now());
        for (int i = 0; i < 300; i++) {
            check.process(batch(template), ctx);
        }
        int rounds = 2000;
        long copy = 0;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            batch(template);
            copy += System.nanoTime() - t;
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            check.process(batch(template), ctx);
        }
        long total = System.nanoTime() - start - copy;
        return String.format("quality step, %s: %.0f ns per record (%d batches of 1,000, after 300 to warm up)%n", label,
                (double) total / rounds / 1000, rounds);
    }

    private static RecordBatch batch(List<Map<String, Object>> template) {
        List<Map<String, Object>> copy = new ArrayList<>(template.size());
        for (Map<String, Object> r : template) {
            copy.add(new HashMap<>(r));
        }
        return new RecordBatch(copy);
    }

    private String report() {
        long t0 = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int d = 0; d < 50; d++) {
            sql.update("insert into organisation (uscc, name, kind, level, created_at) values (?,?,?,?,?)", uscc(d), "基准部门 " + d,
                    "DEPARTMENT", "PREFECTURE", now);
        }
        for (int i = 0; i < 2000; i++) {
            String code = String.format("GZ-BENCH-%04d", i);
            String provider = uscc(i % 50);
            sql.update("insert into catalog_resource (code, provider_uscc, status, version, created_at, updated_at) values (?,?,?,?,?,?)",
                    code, provider, "PUBLISHED", 1, now, now);
            long rev = sql.insert("insert into catalog_revision (code, version, name, category, share_type, open_type, update_cycle, key_field,"
                    + " created_at, created_by, published_at) values (?,?,?,?,?,?,?,?,?,?,?)", "id", code, 1, "基准资源 " + i, "DEPARTMENT",
                    "UNCONDITIONAL", "UNCONDITIONAL", i % 3 == 0 ? "MONTHLY" : "DAILY", "k", now, "bench", now);
            sql.update("update catalog_resource set revision_id = ? where code = ?", rev, code);
            sql.update("insert into catalog_item (revision_id, seq, name, title, data_type, personal, sensitivity, source_uscc)"
                    + " values (?,?,?,?,?,?,?,?)", rev, 0, "k", "键", "STRING", false, 1, provider);
        }
        long catalogMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        String[] measures = {"sent", "accepted", "refused", "items", "items_filled", "checked", "read_answered"};
        sql.update("create table bench_day (x date primary key, k int not null)");
        for (int d = 0; d < 366; d++) {
            sql.update("insert into bench_day (x, k) values (?, ?)", java.time.LocalDate.parse("2024-01-01").plusDays(d), d);
        }
        // A week of days per statement: the store's statement timeout (15 s) bounds each, and a month timed out on a loaded machine.
        for (String m : measures) {
            for (int k = 0; k < 366; k += 7) {
                sql.update("insert into quality_daily (on_day, resource_code, provider_uscc, field, measure, n, demo)"
                        + " select d.x, r.code, r.provider_uscc, '', ?, 100 + mod(d.k * 7 + length(r.code), 50), true"
                        + " from catalog_resource r, bench_day d where r.code like 'GZ-BENCH-%' and d.k >= ? and d.k < ?", m, k, k + 7);
            }
        }
        long rows = sql.count("select count(*) from quality_daily where resource_code like 'GZ-BENCH-%'");
        long seedMs = (System.nanoTime() - t1) / 1_000_000;
        StringBuilder out = new StringBuilder(String.format("seeded 50 departments and 2,000 resources in %d ms; %,d daily counters"
                + " (2,000 resources x 366 days x %d measures) in %d ms%n", catalogMs, rows, measures.length, seedMs));
        for (String period : List.of("2024-12", "2024-Q4", "2024-Q4")) {
            long t = System.nanoTime();
            ReportFigures f = builder.build(Period.parse(period, "period"), ReportBuilder.PLATFORM);
            long ms = (System.nanoTime() - t) / 1_000_000;
            assertEquals(true, f.resources().size() >= 2000);
            out.append(String.format("platform report %s: %d ms (%d departments, %d resources, %d days of trend)%n", period, ms,
                    f.departments().size(), f.resources().size(), f.trend().size()));
        }
        return out.toString();
    }

    private static String uscc(int d) {
        return String.format("11513300MB%07dB", 9000000 + d).substring(0, 18);
    }
}
