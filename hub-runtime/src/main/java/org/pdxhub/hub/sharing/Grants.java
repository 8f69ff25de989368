package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Grants in the store: issued by the request workflows, checked by the gate on every message. */
@ApplicationScoped
public class Grants {

    @Inject
    Clock clock;

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Inject
    Notifications notifications;

    /** Issues a grant for a purpose stated as text only: the grant's id is its purpose code. */
    public Grant issue(String holderUscc, String resourceCode, Set<String> fields, Set<String> clearFields, String purpose,
                       Instant validFrom, Instant validTo, GrantSource source, String sourceId,
                       String emergencyScope, String emergencyMethod, String createdBy) {
        return issue(holderUscc, resourceCode, fields, clearFields, new Purpose(null, purpose), validFrom, validTo, source, sourceId,
                emergencyScope, emergencyMethod, createdBy);
    }

    /**
     * Issues a grant for an approved purpose; the id is new, and stands in for the purpose's code
     * when it has none. Periods are kept to the microsecond, as both stores do.
     */
    public Grant issue(String holderUscc, String resourceCode, Set<String> fields, Set<String> clearFields, Purpose purpose,
                       Instant validFrom, Instant validTo, GrantSource source, String sourceId,
                       String emergencyScope, String emergencyMethod, String createdBy) {
        String id = TimeOrderedIds.next("G-");
        Grant g = new Grant(id, holderUscc, resourceCode, new LinkedHashSet<>(fields), new LinkedHashSet<>(clearFields),
                purpose.text(), validFrom.truncatedTo(ChronoUnit.MICROS), validTo.truncatedTo(ChronoUnit.MICROS), source, sourceId,
                emergencyScope, emergencyMethod, Instant.now(clock).truncatedTo(ChronoUnit.MICROS), createdBy, null, null,
                purpose.code() == null ? id : purpose.code());
        sql.update("insert into grant_record (id, holder_uscc, resource_code, fields, clear_fields, purpose, purpose_code, valid_from,"
                        + " valid_to, source_kind, source_id, emergency_scope, emergency_method, created_at, created_by)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                g.id(), g.holderUscc(), g.resourceCode(), String.join(",", g.fields()), String.join(",", g.clearFields()), g.purpose(),
                g.purposeCode(), g.validFrom(), g.validTo(), g.source(), g.sourceId(), g.emergencyScope(), g.emergencyMethod(),
                g.createdAt(), g.createdBy());
        tellProvider(g);
        return g;
    }

    /**
     * Art. 18: the provider is told of every grant on its data, whatever issued it (a request, an
     * open application, an emergency); {@code GET /api/v1/grants?resource=} lists them for it.
     */
    private void tellProvider(Grant g) {
        catalog.find(g.resourceCode()).map(CatalogResource::provider).filter(p -> !p.equals(g.holderUscc())).ifPresent(provider ->
                notifications.tell("GRANT_ON_YOUR_DATA", g.sourceId() == null ? g.id() : g.sourceId(), null, g.resourceCode(), provider,
                        "SPECIALIST", null, "grant " + g.id() + " (" + g.source() + ") to " + g.holderUscc() + " on " + g.resourceCode()
                                + " fields " + g.fields() + " for \"" + g.purpose() + "\", " + g.validFrom() + " to " + g.validTo(),
                        g.createdAt()));
    }

    public Optional<Grant> find(String id) {
        return sql.one("select * from grant_record where id = ?", Grants::map, id);
    }

    /**
     * The grant that authorises {@code holder} for {@code resource} at {@code now}: a live one if
     * any (the one ending last), else the most recent one, so that the gate can say why it no
     * longer authorises (expired, revoked).
     */
    public Optional<Grant> bestFor(String holderUscc, String resourceCode, Instant now) {
        // A grant from an open application authorises open downloads only, masked for the public,
        // not reads of shared data masked for sharing; a verification or statistics grant authorises no read at all.
        return best(sql.list("select * from grant_record where holder_uscc = ? and resource_code = ?"
                        + " and source_kind not in ('OPEN_APPLICATION', 'VERIFICATION_REQUEST', 'STATISTICS_REQUEST')",
                Grants::map, holderUscc, resourceCode), now);
    }

    /** As {@link #bestFor(String, String, Instant)}, among the grants from one source only. */
    public Optional<Grant> bestFor(String holderUscc, String resourceCode, Instant now, GrantSource source) {
        return best(sql.list("select * from grant_record where holder_uscc = ? and resource_code = ? and source_kind = ?",
                Grants::map, holderUscc, resourceCode, source), now);
    }

    private static Optional<Grant> best(List<Grant> grants, Instant now) {
        return grants.stream().filter(g -> g.spec().isLiveAt(now)).max(Comparator.comparing(Grant::validTo))
                .or(() -> grants.stream().max(Comparator.comparing(Grant::createdAt)));
    }

    public List<Grant> heldBy(String holderUscc) {
        return sql.list("select * from grant_record where holder_uscc = ? order by created_at desc", Grants::map, holderUscc);
    }

    public List<Grant> forResource(String resourceCode) {
        return sql.list("select * from grant_record where resource_code = ? order by created_at desc", Grants::map, resourceCode);
    }

    /** @return false when the grant was already revoked */
    public boolean revoke(String id, String by) {
        return sql.update("update grant_record set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null",
                Instant.now(clock), by, id) == 1;
    }

    /** Emergency grants whose period has ended and whose data has not yet been dealt with (art. 38). */
    public List<Grant> endedEmergencyGrants(Instant now) {
        return sql.list("select * from grant_record where source_kind = 'EMERGENCY' and valid_to <= ? and expired_handled_at is null",
                Grants::map, now);
    }

    public void markExpiryHandled(String id, Instant at) {
        sql.update("update grant_record set expired_handled_at = ? where id = ?", at, id);
    }

    /** Marks an ended emergency grant handled unless another run already did. @return true for the run that marked it */
    public boolean claimExpiry(String id, Instant at) {
        return sql.update("update grant_record set expired_handled_at = ? where id = ? and expired_handled_at is null", at, id) == 1;
    }

    private static Grant map(ResultSet rs) throws SQLException {
        return new Grant(rs.getString("id"), rs.getString("holder_uscc"), rs.getString("resource_code"),
                split(rs.getString("fields")), split(rs.getString("clear_fields")), rs.getString("purpose"),
                Sql.instant(rs, "valid_from"), Sql.instant(rs, "valid_to"), GrantSource.valueOf(rs.getString("source_kind")),
                rs.getString("source_id"), rs.getString("emergency_scope"), rs.getString("emergency_method"),
                Sql.instant(rs, "created_at"), rs.getString("created_by"), Sql.instant(rs, "revoked_at"), rs.getString("revoked_by"),
                rs.getString("purpose_code"));
    }

    private static Set<String> split(String csv) {
        Set<String> out = new LinkedHashSet<>();
        if (csv != null) {
            Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
