package org.pdxhub.hub.usereview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.sharing.Notifications;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The periodic review of use (定期审查数据使用情况, art. 19): every live grant comes due a number of
 * working days after its start or its last review; the review shows what the usage log holds for
 * it since then (counts by purpose, day and field) and flags what is unusual; the reviewer's
 * conclusion is recorded, and RESTRICT or REVOKE acts on the grant through the grant store.
 */
@ApplicationScoped
public class UseReviews {

    private static final Logger LOG = Logger.getLogger(UseReviews.class);
    private static final TypeReference<List<UseGroup>> GROUPS = new TypeReference<>() {
    };

    /** The conclusion; {@code fields} are the narrower grant's fields for RESTRICT. */
    public record ConclusionAsk(UseReview.Conclusion conclusion, String reason, List<String> fields) {
    }

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    @Inject
    Catalog catalog;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    UseReviewConfig config;

    @Inject
    Notifications notifications;

    @Inject
    Agency agency;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    /** Live grants the caller may review or sees reviewed: the agency all, a holder or provider those on its side; soonest due first. */
    public List<UseReport> list(Caller by) {
        boolean all = agency.uscc().equals(by.organisation());
        return live().stream().filter(g -> all || party(g, by.organisation())).map(g -> report(g, false))
                .sorted(Comparator.comparing(UseReport::dueBy).thenComparing(UseReport::grant)).toList();
    }

    /** Due within the reminder window, or overdue. */
    public boolean isDue(UseReport r) {
        return r.workingDaysLeft() <= config.remindWorkingDays();
    }

    /**
     * When the use of a live grant is next reviewed, worked out from the grant and its last review
     * alone: what Today and the reminders need, without reading the usage log of every grant
     * (its counts and flags are read for one grant, on its review: {@link #find}).
     */
    public record Due(String grant, String holder, String resource, String purpose, LocalDate dueBy, int workingDaysLeft,
                      boolean overdue) {
    }

    /** The reviews of use the caller is party to (the agency: all), due within the reminder window or overdue, soonest first. */
    public List<Due> dueFor(Caller by) {
        return dues(by).stream().filter(d -> d.workingDaysLeft() <= config.remindWorkingDays()).toList();
    }

    /** All reviews of use past their date, soonest first. */
    public List<Due> overdueDues() {
        return dues(null).stream().filter(Due::overdue).toList();
    }

    private List<Due> dues(Caller by) {
        boolean all = by == null || agency.uscc().equals(by.organisation());
        Map<String, LocalDate> lastReviewed = new HashMap<>();
        sql.list("select grant_id, max(concluded_on) from use_review group by grant_id",
                rs -> Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class))).forEach(e -> lastReviewed.put(e.getKey(), e.getValue()));
        Map<String, Optional<String>> providers = new HashMap<>();
        LocalDate today = calendar.today();
        List<Due> out = new ArrayList<>();
        for (Grant g : live()) {
            if (!all && !g.holderUscc().equals(by.organisation()) && !by.organisation().equals(providers.computeIfAbsent(g.resourceCode(),
                    code -> Optional.ofNullable(provider(g))).orElse(null))) {
                continue;
            }
            LocalDate last = lastReviewed.get(g.id());
            LocalDate due = calendar.addWorkingDays(last == null ? day(g.validFrom()) : last, config.periodWorkingDays());
            out.add(new Due(g.id(), g.holderUscc(), g.resourceCode(), g.purpose(), due, calendar.workingDaysBetween(today, due),
                    today.isAfter(due)));
        }
        out.sort(Comparator.comparing(Due::dueBy).thenComparing(Due::grant));
        return out;
    }

    public List<UseReport> overdue() {
        return live().stream().map(g -> report(g, false)).filter(UseReport::overdue)
                .sorted(Comparator.comparing(UseReport::dueBy).thenComparing(UseReport::grant)).toList();
    }

    /** The review of one grant, for its holder, its provider and the agency. */
    public UseReport find(String grantId, Caller by) {
        Grant g = grants.find(grantId).orElseThrow(() -> ProblemException.notFound("grant", grantId));
        if (!agency.uscc().equals(by.organisation()) && !party(g, by.organisation())) {
            throw ProblemException.forbidden("use-review.not-party", "the use of grant " + grantId + " is reviewed by its holder, the"
                    + " provider of " + g.resourceCode() + " and the data agency " + agency.uscc() + "; this key is of " + by.organisation());
        }
        return report(g, true);
    }

    /**
     * Records the conclusion. CONTINUE: a SPECIALIST of the holder or the provider, or a REVIEWER of
     * the agency. RESTRICT and REVOKE act on the grant, which only the agency's REVIEWER does, as
     * for any revocation.
     */
    @Transactional
    public UseReview conclude(String grantId, ConclusionAsk a, Caller by) {
        UseReport report = find(grantId, by);
        Grant g = grants.find(grantId).orElseThrow();
        if (a == null || a.conclusion() == null) {
            throw ProblemException.badRequest("missing-field", "conclusion", "conclusion is required: CONTINUE, RESTRICT (with fields)"
                    + " or REVOKE");
        }
        boolean reviewer = agency.is(by, Role.REVIEWER);
        if (a.conclusion() != UseReview.Conclusion.CONTINUE && !reviewer) {
            throw agency.notReviewer(by, a.conclusion() + " of grant " + grantId);
        }
        if (!reviewer && !(by.has(Role.SPECIALIST) && party(g, by.organisation()))) {
            throw ProblemException.forbidden("use-review.not-reviewer", "the use of grant " + grantId + " is concluded by a SPECIALIST of"
                    + " its holder or provider, or a REVIEWER of the data agency " + agency.uscc() + "; this key is " + by.roles() + " of "
                    + by.organisation());
        }
        if (!"LIVE".equals(report.state()) && !"PENDING".equals(report.state())) {
            throw ProblemException.conflict("use-review.grant-ended", "id", "grant " + grantId + " is " + report.state()
                    + ": its use is no longer reviewed");
        }
        String reason = a.reason() == null || a.reason().isBlank() ? null : a.reason().strip();
        if (reason == null) {
            throw ProblemException.badRequest("missing-field", "reason", "reason is required: what the review found"
                    + (report.flags().isEmpty() ? "" : ", in particular about the " + report.flags().size() + " flagged"));
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String newGrant = null;
        switch (a.conclusion()) {
            case CONTINUE -> {
            }
            case RESTRICT -> {
                Set<String> fields = narrower(g, a.fields());
                Instant from = g.validFrom().isAfter(now) ? g.validFrom() : now;
                newGrant = grants.issue(g.holderUscc(), g.resourceCode(), fields, intersect(g.clearFields(), fields), g.approvedPurpose(),
                        from, g.validTo(), g.source(), g.sourceId(), g.emergencyScope(), g.emergencyMethod(), by.keyId()).id();
                grants.revoke(grantId, by.holder());
            }
            case REVOKE -> grants.revoke(grantId, by.holder());
        }
        String id = TimeOrderedIds.next("UR-");
        sql.update("insert into use_review (id, grant_id, period_from, period_to, read_count, record_count, flags, conclusion, reason,"
                        + " new_grant_id, concluded_on, concluded_at, concluded_by) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                id, grantId, report.since(), now, report.reads(), report.records(),
                String.join(",", report.flags().stream().map(UseReport.Flag::kind).distinct().toList()), a.conclusion(), reason, newGrant,
                calendar.today(), now, by.keyId());
        if (a.conclusion() != UseReview.Conclusion.CONTINUE) {
            notifications.tell("USE_REVIEW_" + a.conclusion(), grantId, null, g.resourceCode(), g.holderUscc(), Role.SPECIALIST.name(), null,
                    "review of the use of grant " + grantId + ": " + a.conclusion() + (newGrant == null ? "" : ", replaced by " + newGrant)
                            + ": " + reason, now);
        }
        return sql.one("select * from use_review where id = ?", UseReviews::map, id).orElseThrow();
    }

    /** Reminds each holder once per due date within the window; tells the agency once when a date has passed. */
    @Transactional
    public List<Due> remind() {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<Due> told = new ArrayList<>();
        for (Due r : dueFor(null)) {
            if (once("USE_REVIEW_DUE", r, now)) {
                notifications.tell("USE_REVIEW_DUE", r.grant(), null, r.resource(), r.holder(), Role.SPECIALIST.name(), r.dueBy(),
                        "review the use of grant " + r.grant() + " on " + r.resource() + " by " + r.dueBy() + " (art. 19):"
                                + " GET /api/v1/use-reviews/" + r.grant(), now);
                told.add(r);
            }
            if (r.overdue() && once("USE_REVIEW_OVERDUE", r, now)) {
                notifications.tell("USE_REVIEW_OVERDUE", r.grant(), null, r.resource(), agency.uscc(), Role.REVIEWER.name(), r.dueBy(),
                        "the review of the use of grant " + r.grant() + " by " + r.holder() + " was due " + r.dueBy() + " (art. 19)", now);
                told.add(r);
            }
        }
        return told;
    }

    @Scheduled(every = "${pdx.use-review.check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        List<Due> told = remind();
        if (!told.isEmpty()) {
            LOG.infof("Reviews of use due or overdue, reminded: %s", told.stream().map(Due::grant).distinct().toList());
        }
    }

    private UseReport report(Grant g, boolean withHistory) {
        Instant now = Instant.now(clock);
        UseReview last = sql.one("select * from use_review where grant_id = ? order by concluded_at desc, id limit 1", UseReviews::map,
                g.id()).orElse(null);
        Instant since = last == null ? g.validFrom() : last.concludedAt();
        LocalDate from = last == null ? day(g.validFrom()) : last.concludedOn();
        LocalDate due = calendar.addWorkingDays(from, config.periodWorkingDays());
        LocalDate today = calendar.today();

        Map<String, long[]> purposes = new TreeMap<>();
        Map<LocalDate, long[]> days = new TreeMap<>();
        Map<LocalDate, OutOfHours> outOfHours = new TreeMap<>();
        Map<String, Integer> fields = new TreeMap<>();
        List<UseReport.Flag> flags = new ArrayList<>();
        for (UseGroup u : groups(g, since, today)) {
            if (!"DELIVERED".equals(u.decision())) {
                flags.add(new UseReport.Flag("grant.fields-exceeded".equals(u.rule()) ? "FIELDS_BEYOND_GRANT" : "REFUSED", u.day(), u.firstAt(),
                        u.firstSeq(), u.rule() + (u.detail() == null || u.detail().isBlank() ? "" : ": " + u.detail())
                        + (u.entries() > 1 ? " (" + u.entries() + " refusals that day)" : "")));
                continue;
            }
            add(purposes.computeIfAbsent(u.purpose() == null ? "" : u.purpose(), k -> new long[2]), u.entries(), u.records());
            add(days.computeIfAbsent(u.day(), k -> new long[2]), u.entries(), u.records());
            for (String f : split(u.fields())) {
                fields.merge(f, (int) u.entries(), Integer::sum);
            }
            if (!calendar.isWorkingDay(u.day())) {
                outOfHours.merge(u.day(), new OutOfHours(u.entries(), u.firstSeq(), u.firstAt()), OutOfHours::and);
            } else if (u.offHours() > 0) {
                outOfHours.merge(u.day(), new OutOfHours(u.offHours(), u.offHoursSeq(), u.offHoursAt()), OutOfHours::and);
            }
        }
        outOfHours.forEach((day, o) -> flags.add(new UseReport.Flag("OUT_OF_HOURS", day, o.firstAt(), o.firstSeq(), o.reads() + " read(s) "
                + (calendar.isWorkingDay(day) ? "outside working hours " + config.workStart() + "-" + config.workEnd() : "on a day off")
                + ", the first at " + o.firstAt().atZone(clock.getZone()).toLocalTime().truncatedTo(ChronoUnit.MINUTES))));
        int reads = (int) days.values().stream().mapToLong(d -> d[0]).sum();
        long records = days.values().stream().mapToLong(d -> d[1]).sum();
        flags.addAll(volume(days));
        flags.sort(Comparator.comparing(UseReport.Flag::day));
        return new UseReport(g.id(), g.holderUscc(), g.resourceCode(), provider(g), g.fields(), g.purpose(), g.validFrom(), g.validTo(),
                g.stateAt(now), since, due, calendar.workingDaysBetween(today, due), today.isAfter(due), reads, records,
                purposes.entrySet().stream().map(x -> new UseReport.ByPurpose(x.getKey(), (int) x.getValue()[0], x.getValue()[1])).toList(),
                days.entrySet().stream().map(x -> new UseReport.ByDay(x.getKey(), calendar.isWorkingDay(x.getKey()), (int) x.getValue()[0],
                        x.getValue()[1])).toList(),
                fields.entrySet().stream().map(x -> new UseReport.ByField(x.getKey(), x.getValue())).toList(), flags,
                withHistory ? sql.list("select * from use_review where grant_id = ? order by concluded_at desc, id", UseReviews::map, g.id())
                        : null);
    }

    /**
     * The usage log's entries under a grant since {@code since}, grouped by local day, decision,
     * purpose, fields and rule. Days that ended before yesterday are counted once and kept (the log
     * stamps each entry with the node's clock as it is sealed: no entry joins a past day); the day
     * of {@code since}, which the period starts in the middle of, yesterday and today are counted
     * from the log on each visit.
     */
    private List<UseGroup> groups(Grant g, Instant since, LocalDate today) {
        LocalDate sinceDay = day(since);
        LocalDate keepThrough = today.minusDays(2);
        List<UseGroup> out = new ArrayList<>();
        if (sinceDay.isBefore(keepThrough)) {
            keep(g, keepThrough);
            sql.list("select entries from grant_use_day where grant_id = ? and on_day > ? and on_day <= ? order by on_day",
                    rs -> out.addAll(readGroups(rs.getString(1))), g.id(), sinceDay, keepThrough);
            out.addAll(counted(g.id(), since, startOf(sinceDay.plusDays(1))));
            out.addAll(counted(g.id(), startOf(keepThrough.plusDays(1)), null));
        } else {
            out.addAll(counted(g.id(), since, null));
        }
        return out;
    }

    /** Counts and keeps the grant's days up to {@code through}, from where it was counted last. */
    private void keep(Grant g, LocalDate through) {
        LocalDate counted = sql.one("select counted_through from grant_use_counted where grant_id = ?", rs -> Sql.date(rs, "counted_through"), g.id())
                .orElse(day(g.validFrom()).minusDays(1));
        if (!counted.isBefore(through)) {
            return;
        }
        Map<LocalDate, List<UseGroup>> byDay = new TreeMap<>();
        for (UseGroup u : counted(g.id(), startOf(counted.plusDays(1)), startOf(through.plusDays(1)))) {
            byDay.computeIfAbsent(u.day(), d -> new ArrayList<>()).add(u);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            // Two visits counting at once write the same groups: the second's rows are dropped.
            byDay.forEach((day, groups) -> sql.update("insert into grant_use_day (grant_id, on_day, entries) values (?,?,?) on conflict do nothing",
                    g.id(), day, writeGroups(groups)));
            if (sql.update("update grant_use_counted set counted_through = ? where grant_id = ? and counted_through < ?", through, g.id(), through) == 0) {
                sql.update("insert into grant_use_counted (grant_id, counted_through) values (?,?) on conflict do nothing", g.id(), through);
            }
        });
    }

    /** The grant's entries from {@code from} (inclusive) to {@code to} (exclusive; null: up to now), grouped by the store. */
    private List<UseGroup> counted(String grantId, Instant from, Instant to) {
        if (to != null && !from.isBefore(to)) {
            return List.of();
        }
        String local = localTime();
        String minute = "(extract(hour from " + local + ") * 60 + extract(minute from " + local + "))";
        String offHours = "(" + minute + " < " + minuteOfDay(config.workStart()) + " or " + minute + " >= " + minuteOfDay(config.workEnd()) + ")";
        return sql.list("select " + localDay() + ", decision, purpose, fields, rule, count(*), coalesce(sum(record_count), 0), min(seq),"
                        + " min(at) as first_at, sum(case when " + offHours + " then 1 else 0 end), min(case when " + offHours + " then seq end),"
                        + " min(case when " + offHours + " then at end) as off_first_at, min(detail)"
                        + " from usage_log where grant_id = ? and at >= ?" + (to == null ? "" : " and at < ?")
                        + " and decision in ('DELIVERED', 'REFUSED') group by 1, 2, 3, 4, 5, 6, 7",
                rs -> new UseGroup(LocalDate.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), Sql.instant(rs, "first_at"),
                        rs.getLong(12), rs.getObject(13) == null ? null : rs.getLong(13), Sql.instant(rs, "off_first_at"), rs.getString(15)),
                to == null ? new Object[]{grantId, from} : new Object[]{grantId, from, to});
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(clock.getZone()).toInstant();
    }

    private String writeGroups(List<UseGroup> groups) {
        try {
            return json.writeValueAsString(groups);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a day of use could not be written", e);
        }
    }

    private List<UseGroup> readGroups(String text) {
        try {
            return json.readValue(text, GROUPS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept day of use could not be read", e);
        }
    }

    /** Days whose reads are more than volumeFactor times the median of the grant's earlier days of use. */
    private List<UseReport.Flag> volume(Map<LocalDate, long[]> days) {
        List<UseReport.Flag> out = new ArrayList<>();
        // Kept sorted as each day joins: a year of days would otherwise be sorted once per day.
        List<Long> earlier = new ArrayList<>();
        for (Map.Entry<LocalDate, long[]> d : days.entrySet()) {
            long reads = d.getValue()[0];
            if (!earlier.isEmpty()) {
                long median = earlier.get(earlier.size() / 2);
                if (reads >= config.volumeMinimumReads() && reads > config.volumeFactor() * median) {
                    out.add(new UseReport.Flag("VOLUME", d.getKey(), null, null, reads + " reads (" + d.getValue()[1] + " records), more than "
                            + config.volumeFactor() + " times the median of " + median + " reads on the grant's " + earlier.size()
                            + " earlier day(s) of use"));
                }
            }
            int at = Collections.binarySearch(earlier, reads);
            earlier.add(at < 0 ? -at - 1 : at, reads);
        }
        return out;
    }

    private List<Grant> live() {
        Instant now = Instant.now(clock);
        return sql.list("select id from grant_record where revoked_at is null and valid_to > ? order by created_at, id",
                rs -> rs.getString(1), now).stream().map(id -> grants.find(id).orElseThrow()).toList();
    }

    private boolean party(Grant g, String organisation) {
        return g.holderUscc().equals(organisation) || organisation.equals(provider(g));
    }

    private String provider(Grant g) {
        return catalog.provider(g.resourceCode()).orElse(null);
    }

    /** Records a reminder unless it was sent already; safe against the scheduler running at the same time. */
    private boolean once(String kind, Due r, Instant now) {
        return sql.update("insert into review_reminder (kind, subject, due_by, reminded_at) values (?,?,?,?) on conflict do nothing",
                kind, r.grant(), r.dueBy(), now) == 1;
    }

    private static Set<String> narrower(Grant g, List<String> asked) {
        Set<String> fields = new LinkedHashSet<>();
        if (asked != null) {
            asked.stream().filter(f -> f != null && !f.isBlank()).map(String::strip).forEach(fields::add);
        }
        if (fields.isEmpty() || !g.fields().containsAll(fields) || fields.size() >= g.fields().size()) {
            throw ProblemException.badRequest("invalid-restriction", "fields", "RESTRICT names the fields the grant keeps: some, not all,"
                    + " of " + g.fields());
        }
        return fields;
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        return out;
    }

    private LocalDate day(Instant at) {
        return at.atZone(clock.getZone()).toLocalDate();
    }

    private static void add(long[] counts, long reads, long records) {
        counts[0] += reads;
        counts[1] += records;
    }

    /** Entries of one local day alike in decision, purpose, fields and rule, with the first of them out of working hours. */
    record UseGroup(LocalDate day, String decision, String purpose, String fields, String rule, long entries, long records,
                    long firstSeq, Instant firstAt, long offHours, Long offHoursSeq, Instant offHoursAt, String detail) {
    }

    /** Reads out of working hours on one day: how many, and the first of them. */
    private record OutOfHours(long reads, long firstSeq, Instant firstAt) {
        OutOfHours and(OutOfHours other) {
            boolean mine = firstAt.isBefore(other.firstAt) || firstAt.equals(other.firstAt) && firstSeq < other.firstSeq;
            return new OutOfHours(reads + other.reads, mine ? firstSeq : other.firstSeq, mine ? firstAt : other.firstAt);
        }
    }

    /** The year, month and day of an entry in the calendar's zone, as three columns (H2 and PostgreSQL alike). */
    private String localDay() {
        String local = localTime();
        return "extract(year from " + local + "), extract(month from " + local + "), extract(day from " + local + ")";
    }

    /**
     * An entry's time in the calendar's zone; the zone id is the clock's own, not anyone's input. A
     * fixed offset is named as a tz-database zone, which H2 and PostgreSQL read alike (PostgreSQL
     * would read '+08:00' with the POSIX sign, the other way round).
     */
    private String localTime() {
        ZoneId zone = clock.getZone().normalized();
        String id = zone instanceof ZoneOffset o && o.getTotalSeconds() % 3600 == 0
                ? (o.getTotalSeconds() == 0 ? "UTC" : String.format("Etc/GMT%+d", -o.getTotalSeconds() / 3600)) : zone.getId();
        return "(at at time zone '" + id + "')";
    }

    private static int minuteOfDay(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    private static List<String> split(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static UseReview map(ResultSet rs) throws SQLException {
        String flags = rs.getString("flags");
        return new UseReview(rs.getString("id"), rs.getString("grant_id"), Sql.instant(rs, "period_from"), Sql.instant(rs, "period_to"),
                rs.getInt("read_count"), rs.getLong("record_count"), split(flags), UseReview.Conclusion.valueOf(rs.getString("conclusion")),
                rs.getString("reason"), rs.getString("new_grant_id"), Sql.date(rs, "concluded_on"), Sql.instant(rs, "concluded_at"),
                rs.getString("concluded_by"));
    }
}
