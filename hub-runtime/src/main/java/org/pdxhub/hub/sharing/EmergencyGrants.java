package org.pdxhub.hub.sharing;

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
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.DataItem;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.hub.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Emergency grants (应急, art. 38): issued by the agency with a stated purpose, scope, method and
 * period; they stop authorising at the end of the period like every grant, and then the hub
 * records what was obtained under each one (its reads in the usage log) and tells the holder
 * that the data is to be deleted or sealed.
 */
@ApplicationScoped
public class EmergencyGrants {

    private static final Logger LOG = Logger.getLogger(EmergencyGrants.class);

    /** What the agency states when it demands data in an emergency. */
    public record EmergencyAsk(String holder, String resource, List<String> fields, String purpose, String scope, String method,
                               Instant validFrom, Instant validTo, String purposeCode) {
    }

    /**
     * The record that an ended emergency grant was dealt with.
     *
     * @param usageSeqs the usage-log entries of the reads made under the grant
     */
    public record Sealing(String grantId, String holder, String resource, Instant periodEnded, int reads, int records,
                          List<Long> usageSeqs, String instruction, Instant recordedAt, LocalDate confirmationDueBy,
                          Confirmation confirmation) {
    }

    /** What the holder did with the data obtained under an ended emergency grant (art. 38). */
    public enum Action { DELETED, SEALED }

    /** The holder's confirmation: the action, what exactly was done, when and by which key. */
    public record Confirmation(Action action, String statement, Instant at, String by) {
    }

    /** The body of a confirmation. */
    public record ConfirmationAsk(Action action, String statement) {
    }

    @Inject
    Grants grants;

    @Inject
    Catalog catalog;

    @Inject
    Organisations organisations;

    @Inject
    UsageLog usageLog;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Notifications notifications;

    @Inject
    Sql sql;

    @Inject
    Agency agency;

    @Inject
    SharingConfig config;

    @Transactional
    public Grant issue(EmergencyAsk a, Caller by) {
        if (!agency.is(by, Role.REVIEWER) && !agency.is(by, Role.ADMIN)) {
            throw ProblemException.forbidden("emergency.not-agency", "emergency grants are issued by a REVIEWER or ADMIN of the data"
                    + " agency " + agency.uscc() + " (pdx.node.agency); this key is " + by.roles() + " of " + by.organisation());
        }
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the emergency grant as JSON");
        }
        organisations.checkUscc(a.holder(), "holder");
        organisations.require(a.holder(), "holder");
        String code = required(a.resource(), "resource");
        CatalogResource r = catalog.find(code).filter(c -> c.status() == ResourceStatus.PUBLISHED)
                .orElseThrow(() -> ProblemException.badRequest("unknown-resource", "resource", "no published resource '" + code + "'"));
        Set<String> items = r.items().stream().map(DataItem::name).collect(Collectors.toSet());
        if (a.fields() == null || a.fields().isEmpty()) {
            throw ProblemException.badRequest("missing-field", "fields", "fields is required: the data items needed, only those (art. 38)");
        }
        for (String f : a.fields()) {
            if (f == null || !items.contains(f)) {
                throw ProblemException.badRequest("unknown-field", "fields", "'" + f + "' is not a data item of " + code);
            }
        }
        String purpose = required(a.purpose(), "purpose");
        String purposeCode = Purpose.code(a.purposeCode(), "purposeCode");
        String scope = required(a.scope(), "scope");
        String method = required(a.method(), "method");
        Instant now = Instant.now(calendar.clock());
        Instant from = a.validFrom() == null ? now : a.validFrom();
        if (a.validTo() == null || !a.validTo().isAfter(from) || !a.validTo().isAfter(now)) {
            throw ProblemException.badRequest("invalid-period", "validTo", "validTo is required and must be after validFrom and after now:"
                    + " an emergency grant has a period and ends by itself (art. 38)");
        }
        return grants.issue(a.holder(), code, new LinkedHashSet<>(a.fields()), Set.of(), new Purpose(purposeCode, purpose), from, a.validTo(),
                GrantSource.EMERGENCY, null, scope, method, by.keyId());
    }

    @Scheduled(every = "${pdx.emergency.check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        List<Sealing> done = sealEnded();
        if (!done.isEmpty()) {
            LOG.infof("Ended emergency grants dealt with: %s", done.stream().map(Sealing::grantId).toList());
        }
    }

    /** Deals with every emergency grant ended by the calendar's clock and not yet dealt with. */
    public List<Sealing> sealEnded() {
        Instant now = Instant.now(calendar.clock()).truncatedTo(ChronoUnit.MICROS);
        List<Sealing> out = new ArrayList<>();
        for (Grant g : grants.endedEmergencyGrants(now)) {
            QuarkusTransaction.requiringNew().call(() -> seal(g, now)).ifPresent(out::add);
        }
        return out;
    }

    public Optional<Sealing> sealing(String grantId) {
        return sql.one("select * from emergency_sealing where grant_id = ?", EmergencyGrants::map, grantId);
    }

    private Optional<Sealing> seal(Grant g, Instant now) {
        if (!grants.claimExpiry(g.id(), now)) {
            return Optional.empty();
        }
        List<UsageEntry> reads = usageLog.byGrant(g.id()).stream().filter(e -> e.decision() == UsageDecision.DELIVERED).toList();
        int records = reads.stream().mapToInt(UsageEntry::recordCount).sum();
        String instruction = "the period of emergency grant " + g.id() + " (" + g.emergencyScope() + ") ended at " + g.validTo()
                + ": " + g.holderUscc() + " must delete or seal the " + records + " record(s) of " + g.resourceCode()
                + " obtained in " + reads.size() + " read(s) under it, and stop using them (art. 38)";
        LocalDate due = calendar.addWorkingDays(calendar.today(), config.sealingConfirmationDays());
        instruction += "; confirm what was done by " + due + " (POST /api/v1/grants/" + g.id() + "/sealing/confirmation)";
        Sealing s = new Sealing(g.id(), g.holderUscc(), g.resourceCode(), g.validTo(), reads.size(), records,
                reads.stream().map(UsageEntry::seq).toList(), instruction, now, due, null);
        sql.update("insert into emergency_sealing (grant_id, holder_uscc, resource_code, period_ended, reads, records, usage_seqs,"
                        + " instruction, recorded_at, due_by) values (?,?,?,?,?,?,?,?,?,?)",
                s.grantId(), s.holder(), s.resource(), s.periodEnded(), s.reads(), s.records(),
                s.usageSeqs().stream().map(String::valueOf).collect(Collectors.joining(",")), s.instruction(), s.recordedAt(), due);
        notifications.tell("EMERGENCY_DATA_SEAL", g.id(), null, g.resourceCode(), g.holderUscc(), "SPECIALIST",
                due, instruction, now);
        return Optional.of(s);
    }

    /**
     * The holder's SPECIALIST confirms that the data obtained under an ended emergency grant was
     * deleted or sealed, and says what was done (art. 38); once, and only after the sealing record.
     */
    @Transactional
    public Sealing confirm(String grantId, ConfirmationAsk a, Caller by) {
        Sealing s = sealing(grantId).orElseThrow(() -> ProblemException.conflict("grant.not-ended", "id", "grant " + grantId
                + " has no sealing record: it is not an emergency grant, or its period has not ended"));
        if (!by.has(Role.SPECIALIST) || !s.holder().equals(by.organisation())) {
            throw ProblemException.forbidden("grant.not-holder", "deletion or sealing of what grant " + grantId + " obtained is confirmed by"
                    + " the SPECIALIST of its holder " + s.holder() + "; this key is " + by.roles() + " of " + by.organisation());
        }
        if (a == null || a.action() == null) {
            throw ProblemException.badRequest("missing-field", "action", "action is required: DELETED or SEALED (art. 38)");
        }
        String statement = a.statement() == null || a.statement().isBlank() ? null : a.statement().strip();
        if (statement == null) {
            throw ProblemException.badRequest("missing-field", "statement", "statement is required: what was deleted or sealed, where and how");
        }
        Instant now = Instant.now(calendar.clock()).truncatedTo(ChronoUnit.MICROS);
        if (sql.update("update emergency_sealing set confirmed_action = ?, confirmed_statement = ?, confirmed_at = ?, confirmed_by = ?"
                + " where grant_id = ? and confirmed_at is null", a.action(), statement, now, by.keyId(), grantId) != 1) {
            throw ProblemException.conflict("sealing.confirmed", "id", "deletion or sealing of grant " + grantId + " is confirmed already");
        }
        notifications.tell("EMERGENCY_DATA_SEAL_CONFIRMED", grantId, null, s.resource(), agency.uscc(), Role.REVIEWER.name(), null,
                s.holder() + " confirms " + a.action() + ": " + statement, now);
        return sealing(grantId).orElseThrow();
    }

    /** Sealing records the holder {@code holder} has still to confirm, soonest due first. */
    public List<Sealing> unconfirmed(String holder) {
        return sql.list("select * from emergency_sealing where confirmed_at is null and holder_uscc = ? order by due_by, grant_id",
                EmergencyGrants::map, holder);
    }

    /** Sealing records not confirmed by their date (working days after the record): the agency follows them up. */
    public List<Sealing> unconfirmedOverdue() {
        return sql.list("select * from emergency_sealing where confirmed_at is null and due_by < ? order by due_by, grant_id",
                EmergencyGrants::map, calendar.today());
    }

    private static Sealing map(ResultSet rs) throws SQLException {
        String seqs = rs.getString("usage_seqs");
        String action = rs.getString("confirmed_action");
        return new Sealing(rs.getString("grant_id"), rs.getString("holder_uscc"), rs.getString("resource_code"),
                Sql.instant(rs, "period_ended"), rs.getInt("reads"), rs.getInt("records"),
                seqs.isEmpty() ? List.of() : Arrays.stream(seqs.split(",")).map(Long::valueOf).toList(),
                rs.getString("instruction"), Sql.instant(rs, "recorded_at"), Sql.date(rs, "due_by"),
                action == null ? null : new Confirmation(Action.valueOf(action), rs.getString("confirmed_statement"),
                        Sql.instant(rs, "confirmed_at"), rs.getString("confirmed_by")));
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("missing-field", field, field + " is required: an emergency grant states its purpose,"
                    + " scope, method and period (art. 38)");
        }
        return value.strip();
    }
}
