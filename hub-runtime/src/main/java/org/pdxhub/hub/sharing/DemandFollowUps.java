package org.pdxhub.hub.sharing;

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
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Follow-ups of approved demands (art. 21): opened when the provider (or the agency) approves a
 * demand, due in {@code pdx.sharing.demand-follow-up-days} working days, closed only by a catalog
 * entry of the provider first published after the demand was filed; the agency sees what is late.
 */
@ApplicationScoped
public class DemandFollowUps {

    private static final Logger LOG = Logger.getLogger(DemandFollowUps.class);

    /** The catalog entry that serves the demand, by its code. */
    public record Close(String resource) {
    }

    @Inject
    Sql sql;

    @Inject
    RequestStore requests;

    @Inject
    Catalog catalog;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    SharingConfig config;

    @Inject
    Notifications notifications;

    @Inject
    Agency agency;

    @Inject
    Clock clock;

    /** Opens the follow-up of an approved demand and tells the provider; part of the approval's transaction. */
    void open(DataRequest demand, Instant now) {
        LocalDate today = calendar.today();
        LocalDate due = calendar.addWorkingDays(today, config.demandFollowUpDays());
        sql.update("insert into demand_follow_up (request_id, provider_uscc, requester_uscc, description, opened_on, opened_at, due_by, status)"
                        + " values (?,?,?,?,?,?,?,?)",
                demand.id(), demand.providerUscc(), demand.requesterUscc(), demand.description(), today, now, due, DemandFollowUp.Status.OPEN);
        requests.step(demand.id(), now, "FOLLOW_UP_OPENED", "node", "aggregate, catalog and serve the data (art. 21)", due);
        notifications.tell("DEMAND_FOLLOW_UP_DUE", demand.id(), demand.kind(), null, demand.providerUscc(), Role.SPECIALIST.name(), due,
                "demand " + demand.id() + " approved: aggregate the data, publish its catalog entry and close the follow-up with the"
                        + " entry's code by " + due + " (art. 21)", now);
    }

    /** Follow-ups the caller is party to: the provider's and the requester's; all, for the agency. */
    public List<DemandFollowUp> list(Caller by, boolean openOnly) {
        String open = openOnly ? " and status = 'OPEN'" : "";
        if (agency.uscc().equals(by.organisation())) {
            return sql.list("select * from demand_follow_up where 1 = 1" + open + " order by due_by, request_id", this::map);
        }
        return sql.list("select * from demand_follow_up where (provider_uscc = ? or requester_uscc = ?)" + open
                + " order by due_by, request_id", this::map, by.organisation(), by.organisation());
    }

    public List<DemandFollowUp> overdue() {
        return sql.list("select * from demand_follow_up where status = 'OPEN' and due_by < ? order by due_by, request_id", this::map,
                calendar.today());
    }

    public DemandFollowUp find(String id, Caller by) {
        DemandFollowUp f = sql.one("select * from demand_follow_up where request_id = ?", this::map, id)
                .orElseThrow(() -> ProblemException.notFound("demand follow-up", id));
        if (!agency.uscc().equals(by.organisation()) && !f.provider().equals(by.organisation())
                && !by.organisation().equals(f.requester())) {
            throw ProblemException.forbidden("follow-up.not-party", "the follow-up of demand " + id + " is seen by its provider, its"
                    + " requester and the data agency " + agency.uscc() + "; this key is of " + by.organisation());
        }
        return f;
    }

    /**
     * The provider's SPECIALIST closes the follow-up with the code of the catalog entry that now
     * serves the demand: published, the provider's own, first published after the demand was filed.
     * Text does not close it: the requester must be able to ask for the data by that code.
     */
    @Transactional
    public DemandFollowUp close(String id, Close c, Caller by) {
        DemandFollowUp f = find(id, by);
        if (!by.has(Role.SPECIALIST) || !f.provider().equals(by.organisation())) {
            throw ProblemException.forbidden("follow-up.not-provider", "the follow-up of demand " + id + " is closed by a SPECIALIST of"
                    + " its provider " + f.provider() + "; this key is " + by.roles() + " of " + by.organisation());
        }
        if (f.status() != DemandFollowUp.Status.OPEN) {
            throw ProblemException.conflict("follow-up.closed", "id", "the follow-up of demand " + id + " was closed by " + f.resource());
        }
        String code = c == null || c.resource() == null || c.resource().isBlank() ? null : c.resource().strip();
        if (code == null) {
            throw ProblemException.badRequest("missing-field", "resource", "resource is required: the code of the published catalog entry"
                    + " that serves the demand (art. 21); a note does not close it");
        }
        CatalogResource r = catalog.find(code).filter(x -> x.status() == ResourceStatus.PUBLISHED)
                .orElseThrow(() -> ProblemException.badRequest("resource.not-published", "resource", "no published catalog entry '" + code
                        + "': publish it first (draft, submit, the agency's review), then close the follow-up with its code"));
        if (!r.provider().equals(f.provider())) {
            throw ProblemException.badRequest("resource.not-provider", "resource", code + " is provided by " + r.provider() + ", not by "
                    + f.provider() + " who approved the demand");
        }
        DataRequest demand = requests.find(id).orElseThrow();
        Instant first = catalog.find(code, 1).map(CatalogResource::publishedAt).orElse(r.publishedAt());
        if (first == null || first.isBefore(demand.submittedAt())) {
            throw ProblemException.badRequest("resource.not-new", "resource", code + " was published before the demand was filed ("
                    + demand.submittedOn() + "): a demand is for data not in the catalog; name the entry published to serve it");
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        if (sql.update("update demand_follow_up set status = 'CLOSED', resource_code = ?, closed_at = ?, closed_by = ? where request_id = ?"
                + " and status = 'OPEN'", code, now, by.keyId(), id) != 1) {
            throw ProblemException.conflict("follow-up.closed", "id", "the follow-up of demand " + id + " was closed meanwhile");
        }
        requests.step(id, now, "FOLLOW_UP_CLOSED", by.keyId(), "served by catalog entry " + code, null);
        if (f.requester() != null) {
            notifications.tell("DEMAND_SERVED", id, RequestKind.DEMAND, code, f.requester(), "REQUESTER", null, "the data of demand " + id
                    + " is catalogued as " + code + ": request it with POST /api/v1/share-requests", now);
        }
        return find(id, by);
    }

    /** Tells the agency once of each follow-up past its date. */
    @Transactional
    public List<DemandFollowUp> reportOverdue() {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<DemandFollowUp> told = new ArrayList<>();
        for (DemandFollowUp f : overdue()) {
            if (sql.update("insert into review_reminder (kind, subject, due_by, reminded_at) values ('DEMAND_FOLLOW_UP_OVERDUE',?,?,?)"
                    + " on conflict do nothing", f.request(), f.dueBy(), now) == 1) {
                notifications.tell("DEMAND_FOLLOW_UP_OVERDUE", f.request(), RequestKind.DEMAND, null, agency.uscc(), Role.REVIEWER.name(),
                        f.dueBy(), "the data of approved demand " + f.request() + " to " + f.provider() + " was due to be served by "
                                + f.dueBy() + " (art. 21)", now);
                told.add(f);
            }
        }
        return told;
    }

    @Scheduled(every = "${pdx.sharing.follow-up-check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        List<DemandFollowUp> told = reportOverdue();
        if (!told.isEmpty()) {
            LOG.infof("Demand follow-ups overdue, reported to the agency: %s", told.stream().map(DemandFollowUp::request).toList());
        }
    }

    private DemandFollowUp map(ResultSet rs) throws SQLException {
        DemandFollowUp.Status status = DemandFollowUp.Status.valueOf(rs.getString("status"));
        LocalDate due = Sql.date(rs, "due_by");
        LocalDate today = calendar.today();
        boolean open = status == DemandFollowUp.Status.OPEN;
        return new DemandFollowUp(rs.getString("request_id"), rs.getString("provider_uscc"), rs.getString("requester_uscc"),
                rs.getString("description"), Sql.date(rs, "opened_on"), due, status, rs.getString("resource_code"),
                Sql.instant(rs, "closed_at"), rs.getString("closed_by"), open ? calendar.workingDaysBetween(today, due) : null,
                open && today.isAfter(due));
    }
}
