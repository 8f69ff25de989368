package org.pdxhub.hub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.Deadlines;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.organisation.Organisations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Art. 8: after a law, regulation or rule changes, or an organisation's duties change, its
 * catalog is updated within 15 working days (pdx.deadlines.catalog-update) of that change, and
 * published after the agency's review. A registered change starts that clock on the day it
 * happened; the organisation answers with a catalog change or a new resource (reviewed like any),
 * or with a reasoned "no change needed" that the agency accepts or rejects. A free text closes
 * nothing. Changes not closed past their date are overdue.
 */
@ApplicationScoped
public class DutyChanges {

    /** What an organisation sends to answer a change of law or duty. */
    public record AnswerRequest(DutyChange.AnswerKind kind, Long catalogChange, String resource, String reason) {
    }

    @Inject
    CatalogStore store;

    @Inject
    Organisations organisations;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Deadlines deadlines;

    @Inject
    Agency agency;

    @Inject
    CatalogConfig config;

    /** Registered by the data agency (reviewer, admin), or by a specialist for their own organisation. */
    @Transactional
    public DutyChange register(String organisation, DutyChange.Kind kind, String description, LocalDate changedOn, Caller by) {
        organisations.checkUscc(organisation, "organisation");
        organisations.require(organisation, "organisation");
        if (!agency.is(by, Role.REVIEWER) && !agency.is(by, Role.ADMIN) && !organisation.equals(by.organisation())) {
            throw ProblemException.forbidden("not-own-organisation", "a change of law or duty of " + organisation + " is registered by that"
                    + " organisation or by a REVIEWER or ADMIN of the data agency " + agency.uscc() + "; this key is " + by.roles()
                    + " of " + by.organisation());
        }
        if (kind == null) {
            throw ProblemException.badRequest("missing-field", "kind", "kind is required: LAW (a law, regulation or rule changed) or DUTY (the organisation's duties changed)");
        }
        String what = CatalogRules.clean(description);
        if (what == null) {
            throw ProblemException.badRequest("missing-field", "description", "description is required: which law or duty changed");
        }
        LocalDate today = calendar.today();
        if (changedOn == null) {
            throw ProblemException.badRequest("missing-field", "changedOn", "changedOn is required (yyyy-MM-dd): the day the law or"
                    + " duty changed, from which the " + deadlines.catalogUpdate() + " working days count (art. 8)");
        }
        if (changedOn.isAfter(today)) {
            throw ProblemException.badRequest("invalid-field", "changedOn", "changedOn " + changedOn + " is after today (" + today
                    + "): register a change once it has taken effect");
        }
        long id = store.insertDutyChange(organisation, kind, what, changedOn, today,
                calendar.addWorkingDays(changedOn, deadlines.catalogUpdate()), Instant.now(calendar.clock()), by.keyId());
        return find(id);
    }

    /**
     * The organisation's answer, while the change is OPEN (never answered, or its answer was
     * returned or rejected): a catalog change of one of its resources, a new resource it
     * submitted, or why no change is needed.
     */
    @Transactional
    public DutyChange answer(long id, AnswerRequest request, String freeText, Caller by) {
        DutyChange d = find(id);
        if (!by.has(Role.SPECIALIST) || !d.organisation().equals(by.organisation())) {
            throw ProblemException.forbidden("not-own-organisation", "only a data specialist of " + d.organisation() + " answers this change");
        }
        if (d.status() != DutyChange.Status.OPEN) {
            throw ProblemException.conflict("already-answered", "id", "duty change " + id + " is " + d.status()
                    + ": its answer of " + d.answer().at() + " " + (d.status() == DutyChange.Status.CLOSED ? "closed it" : "waits for the agency's review"));
        }
        DutyChange.AnswerKind kind = request == null ? null : request.kind();
        if (kind == null) {
            throw ProblemException.badRequest("missing-field", "kind", (freeText != null ? "a free-text answer closes nothing: " : "")
                    + "kind is required: CATALOG_CHANGE with catalogChange (the id of a change proposed to one of your resources),"
                    + " NEW_RESOURCE with resource (the code of a resource you submitted), or NO_CHANGE_NEEDED with a reason of at least "
                    + config.minStatementLength() + " characters that the agency reviews");
        }
        String reason = CatalogRules.clean(request.reason());
        Instant now = Instant.now(calendar.clock());
        switch (kind) {
            case CATALOG_CHANGE -> {
                CatalogChange c = request.catalogChange() == null ? null : store.change(request.catalogChange()).orElse(null);
                if (c == null || c.kind() != CatalogChange.Kind.CHANGE) {
                    throw ProblemException.badRequest("invalid-field", "catalogChange", "catalogChange must be the id of a change proposed"
                            + " to a published resource (POST /api/v1/catalog/resources/{code}/changes)");
                }
                String provider = store.row(c.code()).map(CatalogStore.ResourceRow::provider).orElse(null);
                if (!d.organisation().equals(provider)) {
                    throw ProblemException.badRequest("invalid-field", "catalogChange", "change " + c.id() + " is of " + c.code()
                            + ", a resource of " + provider + ", not of " + d.organisation());
                }
                if (c.status() == CatalogChange.Status.RETURNED) {
                    throw ProblemException.badRequest("invalid-field", "catalogChange", "change " + c.id() + " was returned by the"
                            + " agency: propose another and answer with it");
                }
                store.answerDutyChange(id, kind, c.id(), null, reason, now, by.keyId());
            }
            case NEW_RESOURCE -> {
                String code = CatalogRules.clean(request.resource());
                CatalogStore.ResourceRow r = code == null ? null : store.row(code).orElse(null);
                if (r == null || !r.provider().equals(d.organisation())) {
                    throw ProblemException.badRequest("invalid-field", "resource", "resource must be the code of a resource of "
                            + d.organisation() + " submitted for review");
                }
                if (r.status() != ResourceStatus.SUBMITTED && r.status() != ResourceStatus.PUBLISHED) {
                    throw ProblemException.badRequest("invalid-field", "resource", code + " is " + r.status()
                            + ": submit it for review first (POST .../submit)");
                }
                store.answerDutyChange(id, kind, null, code, reason, now, by.keyId());
            }
            case NO_CHANGE_NEEDED -> {
                if (SecurityReview.tooShort(reason, config.minStatementLength())) {
                    throw ProblemException.badRequest("missing-field", "reason", "reason must say, in at least " + config.minStatementLength()
                            + " characters, why no resource needs to change (pdx.catalog.min-statement-length): the agency reviews it");
                }
                store.answerDutyChange(id, kind, null, null, reason, now, by.keyId());
            }
        }
        return find(id);
    }

    /** The agency's reviewer accepts a "no change needed" (closing the change) or rejects it with a comment (reopening it). */
    @Transactional
    public DutyChange decide(long id, DutyChange.Outcome outcome, String comment, Caller by) {
        agency.requireReviewer(by, "reviewing the answer to duty change " + id);
        DutyChange d = find(id);
        if (d.status() != DutyChange.Status.AWAITING_REVIEW || d.answer().kind() != DutyChange.AnswerKind.NO_CHANGE_NEEDED) {
            throw ProblemException.conflict("nothing-to-review", "id", "duty change " + id + " is " + d.status()
                    + (d.answer() == null ? "" : " (answered " + d.answer().kind() + ")")
                    + ": only a \"no change needed\" waiting for review is decided here; a catalog change is reviewed on its resource");
        }
        if (outcome == null) {
            throw ProblemException.badRequest("missing-field", "decision", "decision is required: ACCEPTED or REJECTED");
        }
        String note = CatalogRules.clean(comment);
        if (outcome == DutyChange.Outcome.REJECTED && note == null) {
            throw ProblemException.badRequest("missing-field", "comment", "a rejection needs a comment saying what the catalog must show");
        }
        if (by.keyId().equals(d.answer().by())) {
            throw ProblemException.forbidden("catalog.own-work", "key " + by.keyId() + " wrote this answer: another REVIEWER of the"
                    + " data agency reviews it");
        }
        store.decideDutyChange(id, outcome, Instant.now(calendar.clock()), by.keyId(), note);
        return find(id);
    }

    public DutyChange find(long id) {
        return store.dutyChange(id).map(this::withClock).orElseThrow(() -> ProblemException.notFound("duty change", String.valueOf(id)));
    }

    /** @param openOnly only those not closed */
    public List<DutyChange> list(String organisation, boolean openOnly) {
        return store.dutyChanges(organisation).stream().map(this::withClock)
                .filter(d -> !openOnly || d.status() != DutyChange.Status.CLOSED).toList();
    }

    /** The status read from the answer and what the agency did with it; the clock for those not closed. */
    private DutyChange withClock(DutyChange d) {
        DutyChange.Status status = status(d);
        if (status == DutyChange.Status.CLOSED) {
            return d.with(status, false, null);
        }
        LocalDate today = calendar.today();
        return d.with(status, today.isAfter(d.dueBy()), calendar.workingDaysBetween(today, d.dueBy()));
    }

    private DutyChange.Status status(DutyChange d) {
        DutyChange.Answer a = d.answer();
        if (a == null) {
            return DutyChange.Status.OPEN;
        }
        return switch (a.kind()) {
            case NO_CHANGE_NEEDED -> d.decision() == null ? DutyChange.Status.AWAITING_REVIEW
                    : d.decision().outcome() == DutyChange.Outcome.ACCEPTED ? DutyChange.Status.CLOSED : DutyChange.Status.OPEN;
            case CATALOG_CHANGE -> switch (store.change(a.catalogChange()).map(CatalogChange::status).orElse(CatalogChange.Status.RETURNED)) {
                case PENDING -> DutyChange.Status.AWAITING_REVIEW;
                case APPLIED -> DutyChange.Status.CLOSED;
                case RETURNED -> DutyChange.Status.OPEN;
            };
            case NEW_RESOURCE -> switch (store.row(a.resource()).map(CatalogStore.ResourceRow::status).orElse(ResourceStatus.DRAFT)) {
                case SUBMITTED -> DutyChange.Status.AWAITING_REVIEW;
                case PUBLISHED, RETIRED -> DutyChange.Status.CLOSED;
                default -> DutyChange.Status.OPEN;
            };
        };
    }
}
