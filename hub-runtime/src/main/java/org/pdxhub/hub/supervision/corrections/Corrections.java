package org.pdxhub.hub.supervision.corrections;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.sharing.Notifications;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.hub.supervision.Oversight;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Corrections of shared data (纠错, art. 9): filed by a user, answered by the provider in working days, followed by the agency. */
@ApplicationScoped
public class Corrections {

    /** What a user files: the resource, the record's key if one record is wrong, what is wrong, the evidence. */
    public record CorrectionAsk(String resource, String recordKey, String problem, String evidence) {
    }

    /**
     * The provider's answer: accept with the corrected record, which is sent through the gate like
     * any record the provider sends; or reject with the reason.
     */
    public record AnswerAsk(Boolean accept, Map<String, Object> record, String reason) {
    }

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    CorrectionsConfig config;

    @Inject
    ExchangeService exchange;

    @Inject
    Notifications notifications;

    @Inject
    Oversight oversight;

    @Inject
    Clock clock;

    public Correction file(CorrectionAsk a, Caller by) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the correction as JSON: resource, recordKey, problem, evidence");
        }
        String code = clean(a.resource());
        if (code == null) {
            throw ProblemException.badRequest("missing-field", "resource", "resource is required: the code of the resource the data came from");
        }
        CatalogResource r = catalog.find(code).orElseThrow(() -> ProblemException.badRequest("unknown-resource", "resource",
                "no catalog resource '" + code + "'"));
        String problem = clean(a.problem());
        if (problem == null) {
            throw ProblemException.badRequest("missing-field", "problem", "problem is required: what is wrong in the data");
        }
        String key = clean(a.recordKey());
        if (key != null && key.length() > 200) {
            throw ProblemException.badRequest("too-long", "recordKey", "recordKey has at most 200 characters");
        }
        LocalDate today = calendar.today();
        LocalDate due = calendar.addWorkingDays(today, config.answerDays());
        Instant now = now();
        String id = TimeOrderedIds.next("CR-");
        sql.update("insert into correction (id, resource_code, record_key, provider_uscc, filed_by_uscc, filed_by_key, problem, evidence,"
                        + " filed_on, filed_at, due_by, status, demo) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                id, code, key, r.provider(), by.organisation(), by.keyId(), problem, clean(a.evidence()), today, now, due,
                Correction.Status.OPEN, false);
        notifications.tell("CORRECTION_DUE", id, null, code, r.provider(), Role.SPECIALIST.name(), due,
                "correction of " + code + (key == null ? "" : " record " + key) + " to answer by " + due + " (art. 9)", now);
        return load(id);
    }

    /** A correction the caller may see: the agency, the provider, and the organisation that filed it. */
    public Correction find(String id, Caller by) {
        Correction c = load(id);
        if (!oversight.seesAll(by) && !by.organisation().equals(c.provider()) && !by.organisation().equals(c.filedBy())) {
            throw ProblemException.forbidden("correction.not-party", "correction " + id + " is seen by its provider, the organisation"
                    + " that filed it and the data agency; this key is of " + by.organisation());
        }
        return c;
    }

    /** The agency sees every correction; an organisation those it filed or must answer. */
    public List<Correction> list(Caller by, boolean overdueOnly) {
        String late = overdueOnly ? " and status = 'OPEN' and due_by < ?" : "";
        Object[] params = overdueOnly ? new Object[]{calendar.today()} : new Object[0];
        if (oversight.seesAll(by)) {
            return sql.list("select * from correction where 1 = 1" + late + " order by filed_at desc, id", this::map, params);
        }
        if (overdueOnly) {
            return sql.list("select * from correction where (provider_uscc = ? or filed_by_uscc = ?)" + late + " order by filed_at desc, id",
                    this::map, by.organisation(), by.organisation(), calendar.today());
        }
        return sql.list("select * from correction where provider_uscc = ? or filed_by_uscc = ? order by filed_at desc, id", this::map,
                by.organisation(), by.organisation());
    }

    /** The provider's SPECIALIST answers. Accepting sends the corrected record through the gate, under the correction's id. */
    public Correction answer(String id, AnswerAsk a, Caller by) {
        Correction c = find(id, by);
        if (!by.has(Role.SPECIALIST) || !by.organisation().equals(c.provider())) {
            throw ProblemException.forbidden("correction.not-provider", "correction " + id + " is answered by the SPECIALIST of its provider "
                    + c.provider() + "; this key is " + by.roles() + " of " + by.organisation());
        }
        if (c.status() != Correction.Status.OPEN) {
            throw ProblemException.conflict("correction.answered", "id", "correction " + id + " is answered already (" + c.status() + ")");
        }
        if (a == null || a.accept() == null) {
            throw ProblemException.badRequest("missing-field", "accept", "accept is required: true with the corrected record, or false"
                    + " with the reason");
        }
        Instant now = now();
        String message = null;
        String reason = clean(a.reason());
        if (a.accept()) {
            if (a.record() == null || a.record().isEmpty()) {
                throw ProblemException.badRequest("missing-field", "record", "accepting a correction sends the corrected record: give it"
                        + " in record, as the resource's items");
            }
            CatalogResource r = catalog.find(c.resource()).orElseThrow();
            Object key = r.keyField() == null ? null : a.record().get(r.keyField());
            if (c.recordKey() != null && (key == null || !c.recordKey().equals(key.toString()))) {
                throw ProblemException.badRequest("correction.other-record", "record." + r.keyField(), "the corrected record must be the one"
                        + " the correction is about: its " + r.keyField() + " is the correction's recordKey");
            }
            message = id;
            exchange.ingest(c.resource(), List.of(a.record()), new ExchangeService.Party(by.organisation(), by.holder(),
                    "纠错 " + id, id, by.keyId()), message);
        } else if (reason == null) {
            throw ProblemException.badRequest("missing-field", "reason", "rejecting a correction needs the reason the data is right");
        }
        if (sql.update("update correction set status = ?, answer_reason = ?, answer_message = ?, answered_at = ?, answered_by = ?,"
                        + " answered_on = ? where id = ? and status = 'OPEN'", a.accept() ? Correction.Status.ACCEPTED : Correction.Status.REJECTED,
                reason, message, now, by.keyId(), calendar.today(), id) != 1) {
            throw ProblemException.conflict("correction.answered", "id", "correction " + id + " is answered already");
        }
        return load(id);
    }

    private Correction load(String id) {
        return sql.one("select * from correction where id = ?", this::map, id).orElseThrow(() -> ProblemException.notFound("correction", id));
    }

    private Correction map(ResultSet rs) throws SQLException {
        String key = rs.getString("record_key");
        String code = rs.getString("resource_code");
        Correction.Status status = Correction.Status.valueOf(rs.getString("status"));
        LocalDate due = Sql.date(rs, "due_by");
        return new Correction(rs.getString("id"), code, key,
                key == null ? null : "/api/v1/lineage/" + code + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8),
                rs.getString("provider_uscc"), rs.getString("filed_by_uscc"), rs.getString("problem"), rs.getString("evidence"),
                Sql.date(rs, "filed_on"), Sql.instant(rs, "filed_at"), due, status, rs.getString("answer_reason"),
                rs.getString("answer_message"), Sql.instant(rs, "answered_at"), Sql.date(rs, "answered_on"),
                status == Correction.Status.OPEN && due.isBefore(calendar.today()), rs.getBoolean("demo"));
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
