package org.pdxhub.hub.complaints;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.PublicTokens;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.TextFields;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.hub.sharing.Notifications;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;


import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

import java.util.List;

/**
 * Complaints about the use of public data (投诉, art. 44): recorded with where they came in (the
 * 12345 hotline, the web, a letter), routed to the organisation responsible, answered within
 * working days, and escalated to the agency when late. The complainant learns the result by the
 * token given at filing, or through the hotline that filed it.
 */
@ApplicationScoped
public class Complaints {

    private static final Logger LOG = Logger.getLogger(Complaints.class);

    /** What is recorded: where it came from, who (masked when kept), about what, and whom it concerns. */
    public record ComplaintAsk(Complaint.Source source, String complainant, String contact, String resource, String organisation,
                               String subject) {
    }

    /** The answer of the responsible organisation: what was done. */
    public record AnswerAsk(String answer) {
    }

    /** A complaint filed by the public, with the token that follows it; the token is shown this once. */
    public record Filed(Complaint complaint, String token) {
    }

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Inject
    Organisations organisations;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    ComplaintsConfig config;

    @Inject
    Notifications notifications;

    @Inject
    Agency agency;

    @Inject
    Clock clock;

    /** Recorded by a key: the agency's hotline operator on behalf of a caller, or an organisation that received it. */
    @Transactional
    public Complaint record(ComplaintAsk a, Caller by) {
        if (a == null || a.source() == null) {
            throw ProblemException.badRequest("missing-field", "source", "source is required: HOTLINE_12345, WEB or LETTER");
        }
        return insert(a, a.source(), by.keyId(), null);
    }

    /** Filed by anyone on the web, without a key (art. 44: 任何单位和个人). */
    @Transactional
    public Filed file(ComplaintAsk a) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the complaint as JSON");
        }
        String token = PublicTokens.issue();
        return new Filed(insert(a, Complaint.Source.WEB, "public", PublicTokens.digest(token)), token);
    }

    public Complaint byToken(String token) {
        return sql.one("select * from complaint where token_hash = ?", Complaints::map, PublicTokens.digest(token == null ? "" : token.strip()))
                .orElseThrow(() -> ProblemException.notFound("complaint", "with this token"));
    }

    /** A complaint the caller may see: the agency's keys see all, an organisation those routed to it. */
    public Complaint find(String id, Caller by) {
        Complaint c = sql.one("select * from complaint where id = ?", Complaints::map, id)
                .orElseThrow(() -> ProblemException.notFound("complaint", id));
        if (!agency.uscc().equals(by.organisation()) && !c.responsible().equals(by.organisation())) {
            throw ProblemException.forbidden("complaint.not-party", "complaint " + id + " is seen by the organisation it is routed to and"
                    + " by the data agency " + agency.uscc() + "; this key is of " + by.organisation());
        }
        return c;
    }

    public List<Complaint> list(Caller by, boolean openOnly) {
        String open = openOnly ? " and status = 'OPEN'" : "";
        if (agency.uscc().equals(by.organisation())) {
            return sql.list("select * from complaint where 1 = 1" + open + " order by filed_at desc, id", Complaints::map);
        }
        return sql.list("select * from complaint where responsible_uscc = ?" + open + " order by filed_at desc, id", Complaints::map,
                by.organisation());
    }

    /** The responsible organisation's SPECIALIST answers; once late, the agency's REVIEWER may answer instead. */
    @Transactional
    public Complaint answer(String id, AnswerAsk a, Caller by) {
        Complaint c = find(id, by);
        boolean responsible = by.has(Role.SPECIALIST) && c.responsible().equals(by.organisation());
        boolean agencyAfterEscalation = c.escalatedAt() != null && agency.is(by, Role.REVIEWER);
        if (!responsible && !agencyAfterEscalation) {
            throw ProblemException.forbidden("complaint.not-responsible", "complaint " + id + " is answered by the SPECIALIST of "
                    + c.responsible() + (c.escalatedAt() == null ? "" : " or, since it was escalated, a REVIEWER of the data agency "
                    + agency.uscc()) + "; this key is " + by.roles() + " of " + by.organisation());
        }
        String answer = a == null || a.answer() == null || a.answer().isBlank() ? null : a.answer().strip();
        if (answer == null) {
            throw ProblemException.badRequest("missing-field", "answer", "answer is required: how the complaint was dealt with, the result"
                    + " the complainant is told (art. 44)");
        }
        Instant now = now();
        if (sql.update("update complaint set status = 'ANSWERED', answer = ?, answered_at = ?, answered_by = ? where id = ? and status = 'OPEN'",
                answer, now, by.keyId(), id) != 1) {
            throw ProblemException.conflict("complaint.answered", "id", "complaint " + id + " is answered already");
        }
        if (c.escalatedAt() != null) {
            notifications.tell("COMPLAINT_ANSWERED", id, null, c.resource(), agency.uscc(), Role.REVIEWER.name(), null,
                    "escalated complaint answered by " + by.organisation(), now);
        }
        return find(id, by);
    }

    /** Open complaints past their date, each escalated to the agency once. */
    public List<Complaint> escalateOverdue() {
        Instant now = now();
        List<Complaint> out = new ArrayList<>();
        for (Complaint c : overdue()) {
            if (c.escalatedAt() == null && sql.update("update complaint set escalated_at = ? where id = ? and escalated_at is null",
                    now, c.id()) == 1) {
                notifications.tell("COMPLAINT_ESCALATED", c.id(), null, c.resource(), agency.uscc(), Role.REVIEWER.name(), c.dueBy(),
                        "complaint " + c.id() + " (" + c.source() + ") to " + c.responsible() + " unanswered since " + c.dueBy()
                                + ": escalated to the agency (art. 44)", now);
                out.add(c);
            }
        }
        return out;
    }

    /** Open complaints due before today. */
    public List<Complaint> overdue() {
        return sql.list("select * from complaint where status = 'OPEN' and due_by < ? order by due_by, id", Complaints::map, calendar.today());
    }

    @Scheduled(every = "${pdx.complaints.check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        List<Complaint> late = escalateOverdue();
        if (!late.isEmpty()) {
            LOG.infof("Complaints escalated to the agency: %s", late.stream().map(Complaint::id).toList());
        }
    }

    /** The widths of complaint.complainant and complaint.contact_masked (a masked contact is as long as the contact). */
    static final int MAX_COMPLAINANT = 100;
    static final int MAX_CONTACT = 64;

    private Complaint insert(ComplaintAsk a, Complaint.Source source, String filedBy, String tokenHash) {
        String subject = clean(a.subject());
        if (subject == null) {
            throw ProblemException.badRequest("missing-field", "subject", "subject is required: what use of public data is complained about");
        }
        String responsible = responsible(a);
        Instant now = now();
        LocalDate today = calendar.today();
        LocalDate due = calendar.addWorkingDays(today, config.answerDays());
        String id = TimeOrderedIds.next("CP-");
        String resource = clean(a.resource());
        sql.update("insert into complaint (id, source, complainant, contact_masked, resource_code, subject, responsible_uscc, filed_by,"
                        + " filed_on, filed_at, due_by, status, token_hash) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                id, source, maskName(TextFields.oneLine("complainant", a.complainant(), MAX_COMPLAINANT)),
                maskContact(TextFields.oneLine("contact", a.contact(), MAX_CONTACT)), resource, subject, responsible, filedBy,
                today, now, due, Complaint.Status.OPEN, tokenHash);
        notifications.tell("COMPLAINT_DUE", id, null, resource, responsible, Role.SPECIALIST.name(), due,
                source + " complaint to answer by " + due + " (art. 44)", now);
        return sql.one("select * from complaint where id = ?", Complaints::map, id).orElseThrow();
    }

    /** The provider of the resource complained about, else the organisation named; one of the two is needed. */
    private String responsible(ComplaintAsk a) {
        String code = clean(a.resource());
        if (code != null) {
            return catalog.find(code).map(CatalogResource::provider).orElseThrow(() -> ProblemException.badRequest("unknown-resource",
                    "resource", "no catalog resource '" + code + "'; name the organisation instead"));
        }
        String org = clean(a.organisation());
        if (org == null) {
            throw ProblemException.badRequest("missing-field", "organisation", "name the resource (its provider answers) or the organisation"
                    + " the complaint is about (its USCC)");
        }
        organisations.checkUscc(org, "organisation");
        organisations.require(org, "organisation");
        return org;
    }

    /** The first character of the name. */
    static String maskName(String name) {
        return name == null ? null : name.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append) + "*".repeat(Math.max(1, name.codePointCount(0, name.length()) - 1));
    }

    /** The last four characters of the contact, enough for the hotline to match it with its ticket. */
    static String maskContact(String contact) {
        if (contact == null) {
            return null;
        }
        return contact.length() <= 4 ? "*".repeat(contact.length()) : "*".repeat(contact.length() - 4) + contact.substring(contact.length() - 4);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }



    private static Complaint map(ResultSet rs) throws SQLException {
        return new Complaint(rs.getString("id"), Complaint.Source.valueOf(rs.getString("source")), rs.getString("complainant"),
                rs.getString("contact_masked"), rs.getString("resource_code"), rs.getString("subject"), rs.getString("responsible_uscc"),
                rs.getString("filed_by"), Sql.date(rs, "filed_on"), Sql.instant(rs, "filed_at"), Sql.date(rs, "due_by"),
                Complaint.Status.valueOf(rs.getString("status")), rs.getString("answer"), Sql.instant(rs, "answered_at"),
                rs.getString("answered_by"), Sql.instant(rs, "escalated_at"));
    }
}
