package org.pdxhub.hub.canary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.gate.MaskingProfiles;
import org.pdxhub.hub.gate.ProfileMasking;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.ResourceSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** 泄露溯源: leaked rows → the grant whose extract carried them, whom it was given to, and when it was read. */
@ApplicationScoped
public class LeakTrace {

    /** A read under the grant, from the usage log. */
    public record Read(Instant at, String person, String organisation, int records, long usageLogSeq) {
    }

    /** A grant a leaked extract came from. */
    public record Traced(String grant, String holder, String purpose, Instant validFrom, Instant validTo, int canariesFound,
                         List<Read> reads) {
    }

    /** The answer: the grants traced, and how many rows were looked at. */
    public record Answer(String resource, int rows, List<Traced> grants) {
    }

    @Inject
    Catalog catalog;

    @Inject
    Canaries canaries;

    @Inject
    Grants grants;

    @Inject
    UsageLog usageLog;

    @Inject
    Agency agency;

    @Inject
    ProfileMasking masking;

    @Inject
    MaskingProfiles profiles;

    public Answer trace(String code, List<Map<String, Object>> rows, Caller by) {
        ResourceSpec spec = catalog.publishedSpec(code).orElseThrow(() -> ProblemException.notFound("published resource", code));
        if (!(agency.is(by, Role.ADMIN) || agency.is(by, Role.REVIEWER) || by.organisation().equals(spec.providerUscc()) && by.has(Role.SPECIALIST))) {
            throw ProblemException.forbidden("leak.not-entitled", "a leak of " + code + " is traced by the agency's ADMIN or REVIEWER, or by"
                    + " the provider's SPECIALIST (" + spec.providerUscc() + "); this key is " + by.roles() + " of " + by.organisation());
        }
        if (rows == null || rows.isEmpty() || rows.size() > 100_000) {
            throw ProblemException.badRequest("missing-field", "rows", "send the leaked rows as {\"resource\": ..., \"rows\": [{...}]},"
                    + " 1 to 100000 of them, each with the key " + spec.keyField());
        }
        ProfileMasking.Planned keyRule = masking.planFor(spec, profiles.forDestination(Destination.AGGREGATION)).stream()
                .filter(p -> p.field().equals(spec.keyField())).findFirst().orElse(null);
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, Object> r : rows) {
            Object k = r == null ? null : r.get(spec.keyField());
            if (k != null && !k.toString().isBlank()) {
                String given = k.toString().strip();
                keys.add(given);
                if (keyRule != null && !keyRule.masker().looksMasked(given)) {
                    // The leaked extract may have been unmasked by the leaker's own means: its raw key, masked as held.
                    keys.add(String.valueOf(keyRule.masker().mask(given.toUpperCase(Locale.ROOT))));
                }
            }
        }
        Map<String, Integer> perGrant = new TreeMap<>();
        canaries.grantsOf(code, List.copyOf(keys)).values().forEach(g -> perGrant.merge(g, 1, Integer::sum));
        List<Traced> traced = new ArrayList<>();
        perGrant.forEach((grantId, found) -> grants.find(grantId).ifPresent(g -> traced.add(traced(g, found))));
        return new Answer(code, rows.size(), traced);
    }

    private Traced traced(Grant g, int found) {
        List<Read> reads = usageLog.byGrant(g.id()).stream()
                .filter(e -> e.decision() == UsageDecision.DELIVERED && Destination.SHARE.name().equals(e.destination()))
                .map(LeakTrace::read).toList();
        return new Traced(g.id(), g.holderUscc(), g.purpose(), g.validFrom(), g.validTo(), found, reads);
    }

    private static Read read(UsageEntry e) {
        return new Read(e.at(), e.person(), e.organisation(), e.recordCount(), e.seq());
    }
}
