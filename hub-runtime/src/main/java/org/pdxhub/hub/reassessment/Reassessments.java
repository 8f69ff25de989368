package org.pdxhub.hub.reassessment;

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
import org.pdxhub.hub.catalog.CatalogChange;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.catalog.ResourceSummary;
import org.pdxhub.hub.sharing.Notifications;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The periodic re-assessment of classifications (定期更新, art. 15): every published resource
 * shared or opened only on conditions, or not at all, comes due a number of working days after
 * its last assessment; its provider is reminded, concludes KEEP or CHANGE, and the agency sees
 * what is overdue. A CHANGE is never applied here: it names a catalog change, which the agency
 * reviews as every other change (art. 8).
 */
@ApplicationScoped
public class Reassessments {

    private static final Logger LOG = Logger.getLogger(Reassessments.class);

    /** The provider's or the agency's conclusion; {@code changeId} names the catalog change a CHANGE proposed. */
    public record ConclusionAsk(Reassessment.Conclusion conclusion, String reason, Long changeId) {
    }

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    ReassessmentConfig config;

    @Inject
    Notifications notifications;

    @Inject
    Agency agency;

    @Inject
    Clock clock;

    /** Every resource under periodic re-assessment that the caller sees: the agency all, a provider its own; soonest due first. */
    public List<DueReassessment> list(Caller by) {
        String provider = agency.uscc().equals(by.organisation()) ? null : by.organisation();
        return all(provider);
    }

    /** Due within the reminder window, or overdue. */
    public List<DueReassessment> due(Caller by) {
        return list(by).stream().filter(d -> d.workingDaysLeft() <= config.remindWorkingDays()).toList();
    }

    public List<DueReassessment> overdue() {
        return all(null).stream().filter(DueReassessment::overdue).toList();
    }

    /** One resource's re-assessment, for its provider and the agency. */
    public DueReassessment find(String code, Caller by) {
        CatalogResource r = catalog.find(code).filter(x -> x.status() == ResourceStatus.PUBLISHED)
                .orElseThrow(() -> ProblemException.notFound("published resource", code));
        if (!agency.uscc().equals(by.organisation()) && !r.provider().equals(by.organisation())) {
            throw ProblemException.forbidden("reassessment.not-party", "the classification of " + code + " is re-assessed by its provider "
                    + r.provider() + " and followed by the data agency " + agency.uscc() + "; this key is of " + by.organisation());
        }
        return of(r).orElseThrow(() -> ProblemException.conflict("reassessment.not-classified", "resource", code + " is shared and open"
                + " without conditions: only CONDITIONAL and NONE classifications are re-assessed periodically (art. 15)"));
    }

    public List<Reassessment> history(String code) {
        return sql.list("select * from reassessment where resource_code = ? order by concluded_at desc, id", Reassessments::map, code);
    }

    /**
     * Records the conclusion of the provider's SPECIALIST or the agency's REVIEWER. KEEP needs the
     * reason the classification still holds; CHANGE needs the catalog change proposed for it.
     */
    @Transactional
    public Reassessment conclude(String code, ConclusionAsk a, Caller by) {
        DueReassessment due = find(code, by);
        boolean provider = by.has(Role.SPECIALIST) && due.provider().equals(by.organisation());
        if (!provider && !agency.is(by, Role.REVIEWER)) {
            throw ProblemException.forbidden("reassessment.not-assessor", "the classification of " + code + " is re-assessed by a SPECIALIST of"
                    + " its provider " + due.provider() + " or a REVIEWER of the data agency " + agency.uscc() + "; this key is "
                    + by.roles() + " of " + by.organisation());
        }
        if (a == null || a.conclusion() == null) {
            throw ProblemException.badRequest("missing-field", "conclusion", "conclusion is required: KEEP (the classification still holds)"
                    + " or CHANGE (with the changeId of the catalog change proposed)");
        }
        String reason = a.reason() == null || a.reason().isBlank() ? null : a.reason().strip();
        if (reason == null) {
            throw ProblemException.badRequest("missing-field", "reason", "reason is required: why the classification "
                    + due.classified() + " still holds or must change" + (due.shareType() == ShareType.NONE || due.openType() == OpenType.NONE
                    ? "; for NONE, the law, regulation or rule that is still in force (art. 15)" : ""));
        }
        Long changeId = null;
        if (a.conclusion() == Reassessment.Conclusion.CHANGE) {
            changeId = change(code, a.changeId(), due.lastAssessedOn()).id();
        } else if (a.changeId() != null) {
            throw ProblemException.badRequest("unexpected-field", "changeId", "a KEEP conclusion names no change; send CHANGE with changeId");
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String id = TimeOrderedIds.next("RA-");
        sql.update("insert into reassessment (id, resource_code, resource_version, share_type, open_type, conclusion, reason, change_id,"
                        + " concluded_on, concluded_at, concluded_by) values (?,?,?,?,?,?,?,?,?,?,?)",
                id, code, due.version(), due.shareType(), due.openType(), a.conclusion(), reason, changeId, calendar.today(), now, by.keyId());
        if (!provider) {
            notifications.tell("REASSESSMENT_CONCLUDED", id, null, code, due.provider(), Role.SPECIALIST.name(), null,
                    "the agency concluded the re-assessment of " + code + ": " + a.conclusion(), now);
        }
        return sql.one("select * from reassessment where id = ?", Reassessments::map, id).orElseThrow();
    }

    /**
     * Reminds each provider once per due date, within the reminder window; tells the agency once
     * when a date has passed. @return the resources reminded or reported this run
     */
    @Transactional
    public List<DueReassessment> remind() {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<DueReassessment> told = new ArrayList<>();
        for (DueReassessment d : all(null)) {
            if (d.workingDaysLeft() > config.remindWorkingDays()) {
                continue;
            }
            if (once("REASSESSMENT_DUE", d, now)) {
                notifications.tell("REASSESSMENT_DUE", d.resource(), null, d.resource(), d.provider(), Role.SPECIALIST.name(), d.dueBy(),
                        "re-assess the classification " + d.classified() + " of " + d.resource() + " by " + d.dueBy()
                                + " (art. 15): conclude KEEP or CHANGE at /api/v1/reassessments/" + d.resource() + "/conclusion", now);
                told.add(d);
            }
            if (d.overdue() && once("REASSESSMENT_OVERDUE", d, now)) {
                notifications.tell("REASSESSMENT_OVERDUE", d.resource(), null, d.resource(), agency.uscc(), Role.REVIEWER.name(), d.dueBy(),
                        "the re-assessment of " + d.resource() + " by " + d.provider() + " was due " + d.dueBy() + " (art. 15)", now);
                told.add(d);
            }
        }
        return told;
    }

    @Scheduled(every = "${pdx.reassessment.check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        List<DueReassessment> told = remind();
        if (!told.isEmpty()) {
            LOG.infof("Re-assessments due or overdue, reminded: %s", told.stream().map(DueReassessment::resource).distinct().toList());
        }
    }

    /** Records a reminder unless it was sent already; safe against the scheduler running at the same time. */
    private boolean once(String kind, DueReassessment d, Instant now) {
        return sql.update("insert into review_reminder (kind, subject, due_by, reminded_at) values (?,?,?,?) on conflict do nothing",
                kind, d.resource(), d.dueBy(), now) == 1;
    }

    /** The change a CHANGE conclusion names: of this resource, not editorial, proposed since the last assessment, not returned. */
    private CatalogChange change(String code, Long changeId, LocalDate since) {
        if (changeId == null) {
            throw ProblemException.badRequest("missing-field", "changeId", "a CHANGE conclusion names the catalog change proposed for it:"
                    + " propose it first (POST /api/v1/catalog/resources/" + code + "/changes); the agency reviews it as any change (art. 8)");
        }
        CatalogChange c = catalog.changes(code).stream().filter(x -> x.id() == changeId).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("unknown-change", "changeId", "no change " + changeId + " of " + code));
        if (c.kind() != CatalogChange.Kind.CHANGE || c.editorial() || c.status() == CatalogChange.Status.RETURNED
                || c.proposedAt().atZone(clock.getZone()).toLocalDate().isBefore(since)) {
            throw ProblemException.badRequest("unsuitable-change", "changeId", "change " + changeId + " of " + code + " is " + c.status()
                    + (c.editorial() ? ", editorial" : "") + ", proposed " + c.proposedAt() + ": a re-assessment names a change of the"
                    + " classification proposed since " + since + " that the agency has not returned");
        }
        return c;
    }

    private List<DueReassessment> all(String provider) {
        List<DueReassessment> out = new ArrayList<>();
        for (ResourceSummary s : catalog.list(ResourceStatus.PUBLISHED, provider, null, null)) {
            if (reassessed(s.shareType(), s.openType())) {
                // The published version alone: the current view would search the catalog for repeat collection, once per resource.
                catalog.find(s.code(), s.version()).flatMap(this::of).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing(DueReassessment::dueBy).thenComparing(DueReassessment::resource));
        return out;
    }

    private Optional<DueReassessment> of(CatalogResource r) {
        if (!reassessed(r.shareType(), r.openType())) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>();
        if (r.shareType() != ShareType.UNCONDITIONAL) {
            why.add("shareType " + r.shareType());
        }
        if (r.openType() != OpenType.UNCONDITIONAL) {
            why.add("openType " + r.openType());
        }
        Instant published = r.publishedAt() != null ? r.publishedAt() : r.updatedAt();
        LocalDate last = published.atZone(clock.getZone()).toLocalDate();
        Reassessment latest = sql.one("select * from reassessment where resource_code = ? order by concluded_at desc, id limit 1",
                Reassessments::map, r.code()).orElse(null);
        if (latest != null && latest.concludedOn().isAfter(last)) {
            last = latest.concludedOn();
        }
        LocalDate due = calendar.addWorkingDays(last, config.periodWorkingDays());
        LocalDate today = calendar.today();
        return Optional.of(new DueReassessment(r.code(), r.name(), r.provider(), r.version(), r.shareType(), r.openType(), why, last, due,
                calendar.workingDaysBetween(today, due), today.isAfter(due), latest));
    }

    private static boolean reassessed(ShareType share, OpenType open) {
        return share != ShareType.UNCONDITIONAL || open != OpenType.UNCONDITIONAL;
    }

    private static Reassessment map(ResultSet rs) throws SQLException {
        Long change = rs.getObject("change_id") == null ? null : rs.getLong("change_id");
        return new Reassessment(rs.getString("id"), rs.getString("resource_code"), rs.getInt("resource_version"),
                ShareType.valueOf(rs.getString("share_type")), OpenType.valueOf(rs.getString("open_type")),
                Reassessment.Conclusion.valueOf(rs.getString("conclusion")), rs.getString("reason"), change,
                Sql.date(rs, "concluded_on"), Sql.instant(rs, "concluded_at"), rs.getString("concluded_by"));
    }
}
