package org.pdxhub.hub.supervision.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.catalog.ResourceSummary;
import org.pdxhub.hub.catalog.UpdateCycle;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.supervision.quality.Measure;
import org.pdxhub.hub.supervision.reports.Period;
import org.pdxhub.hub.supervision.reports.Reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A few months of generated activity on a fresh demo node: daily quality counters, corrections,
 * answered share requests, share reads by purpose and an ended emergency grant a month, every row
 * marked as demo (the {@code demo} column, the demo-only table {@code demo_use_daily}, ids starting
 * {@code DEMO-}), so that every section of the first report a newcomer opens has figures and charts. Never on a node
 * without pdx.demo=true.
 */
@ApplicationScoped
public class DemoActivity {

    private static final Logger LOG = Logger.getLogger(DemoActivity.class);
    private static final String[] PURPOSES = {"社保待遇资格认证", "市场主体信用监管", "户籍业务协同办理", "就业补贴审核"};

    @Inject
    HubConfig hub;

    @Inject
    DemoActivityConfig config;

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Reports reports;

    /** At start, after the catalog is seeded and published: the activity is that of its resources. */
    public void onStart() {
        if (!hub.demo() || !config.enabled() || sql.count("select count(*) from quality_daily where demo = true") > 0) {
            return;
        }
        LocalDate today = calendar.today();
        LocalDate from = YearMonth.from(today).minusMonths(config.months()).atDay(1);
        try {
            int rows = seed(from, today.minusDays(1), true);
            reports.generateAll(Period.month(YearMonth.from(today).minusMonths(1)));
            LOG.infof("Demo activity generated from %s to %s (%d rows marked demo); last month's reports are under /api/v1/reports", from,
                    today.minusDays(1), rows);
        } catch (RuntimeException e) {
            // Figures to look at, not the node's work: a demo node whose store cannot take them still starts.
            LOG.warnf("Demo activity was not generated (%s); the node runs without it", e.getMessage());
        }
    }

    /**
     * Generates the activity of every published resource from {@code from} to {@code to}.
     *
     * @param requests also closed share requests with their answers (not in tests: other tests count requests)
     * @return rows written
     */
    public int seed(LocalDate from, LocalDate to, boolean requests) {
        Random random = new Random(from.toEpochDay());
        List<CatalogResource> resources = new ArrayList<>();
        for (ResourceSummary s : catalog.list(ResourceStatus.PUBLISHED, null, null, null)) {
            catalog.find(s.code()).ifPresent(resources::add);
        }
        int rows = 0;
        // The last daily resource stops updating a week before the end: the report shows it late.
        CatalogResource stops = resources.stream().filter(r -> r.updateCycle() == UpdateCycle.DAILY).reduce((a, b) -> b).orElse(null);
        for (CatalogResource r : resources) {
            LocalDate stop = r == stops && resources.size() > 1 ? to.minusDays(7) : to;
            double refuseRate = 0.01 + 0.05 * random.nextDouble();
            for (LocalDate d = from; !d.isAfter(stop); d = d.plusDays(1)) {
                if (!calendar.isWorkingDay(d) || !updatedOn(r.updateCycle(), d)) {
                    continue;
                }
                long sent = 200 + random.nextInt(800);
                long refused = Math.round(sent * refuseRate * (0.5 + random.nextDouble()));
                long accepted = sent - refused;
                int items = r.items().size();
                rows += put(d, r, Measure.RECORD, Measure.SENT, sent);
                rows += put(d, r, Measure.RECORD, Measure.ACCEPTED, accepted);
                rows += put(d, r, Measure.RECORD, Measure.REFUSED, refused);
                rows += put(d, r, r.items().get(0).name(), "refused:" + (r.items().get(0).identifierKind() != null ? "identifier" : "type"), refused);
                rows += put(d, r, Measure.RECORD, Measure.ITEMS, accepted * items);
                rows += put(d, r, Measure.RECORD, Measure.ITEMS_FILLED, accepted * items - random.nextInt((int) Math.max(1, accepted / 4)));
                rows += put(d, r, r.items().get(0).name(), Measure.CHECKED, sent);
                rows += put(d, r, r.items().get(0).name(), "failed:identifier", refused);
                rows += put(d, r, Measure.RECORD, Measure.DUPLICATE, random.nextInt(3));
                rows += put(d, r, Measure.RECORD, Measure.READ_ANSWERED, 20 + random.nextInt(60));
                rows += put(d, r, Measure.RECORD, Measure.READ_FAILED, random.nextInt(20) == 0 ? 1 + random.nextInt(3) : 0);
            }
        }
        ZoneId zone = calendar.clock().getZone();
        int c = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!calendar.isWorkingDay(d) || resources.isEmpty()) {
                continue;
            }
            CatalogResource r = resources.get(random.nextInt(resources.size()));
            rows += reads(d, resources, random);
            // Filed seven working days before a month ends, due before its end and answered in the next month: each month's
            // report has an item overdue as it ended.
            boolean monthEnd = calendar.addWorkingDays(d, 7).getMonth() != d.getMonth() && calendar.addWorkingDays(d, 6).getMonth() == d.getMonth();
            if (monthEnd || random.nextInt(4) == 0) {
                LocalDate due = calendar.addWorkingDays(d, 5);
                LocalDate answered = calendar.addWorkingDays(d, monthEnd ? 9 : 1 + random.nextInt(7));
                boolean open = answered.isAfter(to);
                sql.update("insert into correction (id, resource_code, record_key, provider_uscc, filed_by_uscc, filed_by_key, problem, evidence,"
                                + " filed_on, filed_at, due_by, status, answer_reason, answered_at, answered_by, answered_on, demo)"
                                + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        "DEMO-CR-" + d + "-" + (++c), r.code(), null, r.provider(), otherThan(r.provider(), resources), "demo",
                        "演示数据：字段取值与原始凭证不一致", "演示", d, d.atTime(10, 0).atZone(zone).toInstant(), due,
                        open ? "OPEN" : random.nextBoolean() ? "ACCEPTED" : "REJECTED", open ? null : "演示答复",
                        open ? null : answered.atTime(16, 0).atZone(zone).toInstant(), open ? null : "demo", open ? null : answered, true);
                rows++;
            }
            for (int k = requests ? random.nextInt(3) : 0; k > 0; k--) {
                CatalogResource asked = resources.get(random.nextInt(resources.size()));
                LocalDate due = calendar.addWorkingDays(d, 10);
                LocalDate decided = calendar.addWorkingDays(d, 1 + random.nextInt(8 + 2 * resources.indexOf(asked)));
                if (decided.isAfter(to)) {
                    continue;
                }
                boolean approve = random.nextInt(6) != 0;
                sql.update("insert into data_request (id, kind, status, requester_uscc, requester_person, resource_code, resource_type,"
                                + " provider_uscc, fields, purpose, submitted_on, submitted_at, due_by, assignee_uscc, assignee_role, routed_to_agency,"
                                + " decision, decision_reason, decided_at, decided_by, closed_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        "DEMO-RQ-" + d + "-" + (++c), "SHARE", approve ? "APPROVED" : "REJECTED", otherThan(asked.provider(), resources),
                        "演示用户", asked.code(), asked.shareType().name(), asked.provider(), asked.items().get(0).name(), PURPOSES[random.nextInt(PURPOSES.length)],
                        d, d.atTime(9, 0).atZone(zone).toInstant(), due, asked.provider(), "SPECIALIST", false, approve ? "APPROVE" : "REJECT",
                        approve ? null : "演示：申请字段超出履职需要", decided.atTime(15, 0).atZone(zone).toInstant(), "demo",
                        decided.atTime(15, 0).atZone(zone).toInstant());
                rows++;
            }
        }
        rows += emergency(from, to, resources, random);
        return rows;
    }

    /** A day's share reads by purpose, each organisation reading another's resources (art. 19). */
    private int reads(LocalDate day, List<CatalogResource> resources, Random random) {
        int rows = 0;
        for (CatalogResource r : resources) {
            String reader = otherThan(r.provider(), resources);
            int first = random.nextInt(PURPOSES.length);
            int purposes = 1 + random.nextInt(2);
            for (int k = 0; k < purposes; k++) {
                sql.update("insert into demo_use_daily (on_day, organisation, resource_code, purpose, read_count) values (?,?,?,?,?)", day,
                        reader, r.code(), PURPOSES[(first + k) % PURPOSES.length], 5 + random.nextInt(60));
                rows++;
            }
        }
        return rows;
    }

    /**
     * One emergency grant a month (应急调用, art. 38), three days long, ended and sealed: already
     * expired when generated, so it authorises nothing; its id starts DEMO-.
     */
    private int emergency(LocalDate from, LocalDate to, List<CatalogResource> resources, Random random) {
        if (resources.isEmpty()) {
            return 0;
        }
        ZoneId zone = calendar.clock().getZone();
        int rows = 0;
        for (LocalDate d = from.withDayOfMonth(10); !d.plusDays(3).isAfter(to); d = d.plusMonths(1)) {
            CatalogResource r = resources.get(random.nextInt(resources.size()));
            String holder = otherThan(r.provider(), resources);
            String id = "DEMO-EG-" + d;
            var start = d.atTime(8, 0).atZone(zone).toInstant();
            var end = d.plusDays(3).atTime(8, 0).atZone(zone).toInstant();
            sql.update("insert into grant_record (id, holder_uscc, resource_code, fields, clear_fields, purpose, valid_from, valid_to, source_kind,"
                            + " emergency_scope, emergency_method, created_at, created_by, expired_handled_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    id, holder, r.code(), r.items().get(0).name(), "", "演示：突发事件应急处置", start, end, "EMERGENCY", "演示：县域突发事件",
                    "演示：应急指挥系统调用", start, "demo", end);
            sql.update("insert into emergency_sealing (grant_id, holder_uscc, resource_code, period_ended, reads, records, usage_seqs, instruction,"
                    + " recorded_at) values (?,?,?,?,?,?,?,?,?)", id, holder, r.code(), end, 3 + random.nextInt(20), 50 + random.nextInt(500), "",
                    "演示：应急结束后数据已封存", end.plusSeconds(3600));
            rows += 2;
        }
        return rows;
    }

    private static boolean updatedOn(UpdateCycle cycle, LocalDate d) {
        return switch (cycle) {
            case WEEKLY -> d.getDayOfWeek().getValue() == 1;
            case MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY -> d.getDayOfMonth() <= 12 && d.getDayOfWeek().getValue() == 2;
            default -> true;
        };
    }

    private static String otherThan(String provider, List<CatalogResource> resources) {
        return resources.stream().map(CatalogResource::provider).filter(p -> !p.equals(provider)).findFirst().orElse(provider);
    }

    private int put(LocalDate day, CatalogResource r, String field, String measure, long n) {
        if (n <= 0) {
            return 0;
        }
        sql.update("insert into quality_daily (on_day, resource_code, provider_uscc, field, measure, n, demo) values (?,?,?,?,?,?,?)",
                day, r.code(), r.provider(), field, measure, n, true);
        return 1;
    }
}
