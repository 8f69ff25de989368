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
 * catalog is updated within 15 working days (pdx.deadlines.catalog-update). A registered change
 * starts that clock; the organisation answers it by naming the resources it updated, or why none
 * needed to change. Unanswered changes past their date are overdue.
 */
@ApplicationScoped
public class DutyChanges {

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

    /** Registered by the data agency (reviewer, admin), or by a specialist for their own organisation. */
    @Transactional
    public DutyChange register(String organisation, DutyChange.Kind kind, String description, Caller by) {
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
        long id = store.insertDutyChange(organisation, kind, what, today, calendar.addWorkingDays(today, deadlines.catalogUpdate()),
                Instant.now(calendar.clock()), by.keyId());
        return find(id);
    }

    /** The organisation's answer: the resources it updated (drafted, changed, retired), or why none needed to change. */
    @Transactional
    public DutyChange answer(long id, String answer, Caller by) {
        DutyChange d = store.dutyChange(id).orElseThrow(() -> ProblemException.notFound("duty change", String.valueOf(id)));
        if (!by.has(Role.SPECIALIST) || !d.organisation().equals(by.organisation())) {
            throw ProblemException.forbidden("not-own-organisation", "only a data specialist of " + d.organisation() + " answers this change");
        }
        if (d.answeredAt() != null) {
            throw ProblemException.conflict("already-answered", "id", "duty change " + id + " was answered at " + d.answeredAt());
        }
        String text = CatalogRules.clean(answer);
        if (text == null) {
            throw ProblemException.badRequest("missing-field", "answer", "answer is required: the resources updated, or why none needed to change");
        }
        store.answerDutyChange(id, Instant.now(calendar.clock()), by.keyId(), text);
        return find(id);
    }

    public DutyChange find(long id) {
        return store.dutyChange(id).map(this::withClock).orElseThrow(() -> ProblemException.notFound("duty change", String.valueOf(id)));
    }

    public List<DutyChange> list(String organisation, boolean openOnly) {
        return store.dutyChanges(organisation, openOnly).stream().map(this::withClock).toList();
    }

    /** Unanswered changes: those past their date are overdue, the others are due. */
    private DutyChange withClock(DutyChange d) {
        if (d.answeredAt() != null) {
            return d;
        }
        LocalDate today = calendar.today();
        return new DutyChange(d.id(), d.organisation(), d.kind(), d.description(), d.registeredOn(), d.dueBy(),
                d.registeredAt(), d.registeredBy(), null, null, null, today.isAfter(d.dueBy()),
                calendar.workingDaysBetween(today, d.dueBy()));
    }
}
