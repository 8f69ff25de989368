package org.pdxhub.hub.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.exchange.Datasets;
import org.pdxhub.hub.exchange.RecordKeys;
import org.pdxhub.hub.gate.MaskingProfiles;
import org.pdxhub.hub.gate.ProfileMasking;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.ResourceSpec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * 核验 (art. 18 最小必要, art. 36 隐私计算): the caller sends the values it holds, keyed by the
 * resource's key, and learns per record and per field whether they are the ones held, never a
 * value. An item the resource declares verifiable is compared by its keyed digest, kept at the
 * passage of the held version ({@link RecordDigests}), and answers MATCH or MISMATCH however it is
 * masked. Otherwise the node compares what it holds as it holds it: a caller's value is masked as
 * the aggregation profile masked the stored one, so an exact or pseudonymised item answers MATCH or
 * MISMATCH, and an item kept only in part (a name kept to its first character) answers MISMATCH
 * when the parts differ and UNKNOWN when they agree.
 * <p>
 * Enumeration is the threat. A key not held is answered exactly as a record whose every value is
 * wrong, by the same steps (unless the provider's terms for the grant say otherwise); a grant has a
 * quota per day and a rate per minute; and once a grant's misses over the window reach the share
 * that shows guessing, its calls are refused until they fall out of the window.
 */
@ApplicationScoped
public class Verifier {

    /** Who verifies: the organisation, the person and purpose it states (art. 19), its key. */
    public record Caller(String organisation, String person, String purpose, String traceId, String keyId) {
    }

    /** One record's answer, by its place in the call: no key, no value. */
    public record RecordResult(int index, Outcome result, Map<String, Outcome> fields) {
    }

    /** A call's answer. */
    public record Verified(String resource, String grant, int count, int matches, int mismatches, int unknowns,
                           List<RecordResult> results, long usageLogSeq) {
    }

    static final String DESTINATION = "VERIFY";
    /** Strategies whose output is one-to-one with their input: equal outputs are equal values. */
    private static final Set<String> EXACT_STRATEGIES = Set.of("pseudonym", "fpe-citizen-id", "fpe-uscc");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    /** What a value is compared with when its record is not held: equal to no value a caller can send. */
    private static final String NOT_HELD = "\u0000not-held";

    @Inject
    Clock clock;

    @Inject
    Catalog catalog;

    @Inject
    Grants grants;

    @Inject
    Datasets datasets;

    @Inject
    RecordKeys recordKeys;

    @Inject
    ProfileMasking masking;

    @Inject
    MaskingProfiles profiles;

    @Inject
    UsageLog usageLog;

    @Inject
    VerificationCalls calls;

    @Inject
    VerifyConfig config;

    @Inject
    RecordDigests digests;

    @Inject
    PlatformLimits platformLimits;

    /** A grant's checks and its record of the call are one step, so two calls cannot both pass a limit one of them fills. */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public Verified verify(String code, Caller by, List<Map<String, Object>> records) {
        ResourceSpec spec = catalog.publishedSpec(code).orElseThrow(() -> new ProblemException(404, "resource.not-published", "Not found",
                "no published resource '" + code + "': verification is against a published catalog resource", null));
        if (spec.keyField() == null) {
            throw ProblemException.badRequest("verify.no-key", null, code + " declares no key field: its records cannot be verified one by one");
        }
        require(by.person(), "Pdx-Person", "say who verifies in the Pdx-Person header (art. 19)");
        require(by.purpose(), "Pdx-Purpose", "say for what in the Pdx-Purpose header: the grant's approved purpose (art. 19)");
        Instant now = Instant.now(clock);
        Grant grant = liveGrant(code, by, now);
        checkShape(spec, grant, records);
        synchronized (locks.computeIfAbsent(grant.id(), k -> new Object())) {
            VerificationCalls.Terms terms = calls.terms(grant.id());
            limits(grant, terms, records.size(), now, by);
            List<RecordResult> results = compare(spec, records, terms.unknownDistinct());
            VerificationCalls.Counts counts = count(results, terms.unknownDistinct());
            VerificationCalls.Counts window = calls.lookedAtSince(grant.id(), now.minus(config.guessing().window())).plus(counts);
            if (guessing(window)) {
                platformLimits.giveBack(grant.id(), LocalDate.now(clock), records.size());
                calls.record(grant.id(), by.organisation(), code, now, counts, "verify.guessing");
                throw refused(grant, by, code, records.size(), "verify.guessing", 429, "grant " + grant.id() + ": " + window.misses()
                        + " of the last " + window.records() + " records verified within " + config.guessing().window()
                        + " were misses, at or above the share that shows guessing (" + config.guessing().threshold()
                        + "); verification under this grant is refused until the misses fall out of that window");
            }
            UsageEntry logged = usageLog.append(entry(by, grant, code, fieldsAsked(records), counts, UsageDecision.DELIVERED, null,
                    "verification: " + counts.matches() + " match, " + counts.mismatches() + " mismatch, " + counts.unknowns() + " unknown"));
            calls.record(grant.id(), by.organisation(), code, now, counts, null);
            return new Verified(code, grant.id(), results.size(), counts.matches(), counts.mismatches(), counts.unknowns(), results,
                    logged.seq());
        }
    }

    /** The holder's live verification grant; a share grant is not one (it reads, and is logged as reading). */
    private Grant liveGrant(String code, Caller by, Instant now) {
        Grant g = grants.bestFor(by.organisation(), code, now, GrantSource.VERIFICATION_REQUEST).orElse(null);
        if (g == null || !g.spec().isLiveAt(now)) {
            String why = g == null ? "holds no verification grant for " + code
                    : "'s verification grant " + g.id() + " is " + g.stateAt(now).toLowerCase();
            usageLog.append(entry(by, g, code, null, VerificationCalls.Counts.NONE, UsageDecision.REFUSED, "verify.grant-missing", why));
            throw ProblemException.forbidden("verify.grant-missing", "organisation " + by.organisation() + " " + why
                    + ": ask for one with POST /api/v1/verification-requests");
        }
        if (!g.spec().allowsPurpose(by.purpose())) {
            usageLog.append(entry(by, g, code, null, VerificationCalls.Counts.NONE, UsageDecision.REFUSED, "grant.purpose-mismatch",
                    "purpose stated is not the grant's"));
            throw new ProblemException(403, "grant.purpose-mismatch", "Forbidden", "grant " + g.id() + " allows the purpose "
                    + "'" + g.purposeCode() + "' or the exact text '" + g.purpose() + "' only; state one of them in Pdx-Purpose (art. 19)",
                    "Pdx-Purpose");
        }
        return g;
    }

    /** Each record an object with the key, and only fields the grant lets be verified; at most the limit. */
    private void checkShape(ResourceSpec spec, Grant grant, List<Map<String, Object>> records) {
        if (records == null || records.isEmpty()) {
            throw ProblemException.badRequest("missing-field", "records", "send {\"records\": [{\"" + spec.keyField()
                    + "\": ..., \"<field>\": ...}, ...]}: at least one record, at most " + config.maxRecords());
        }
        if (records.size() > config.maxRecords()) {
            throw ProblemException.badRequest("verify.too-many", "records", records.size() + " records in one call: at most "
                    + config.maxRecords() + " (pdx.verify.max-records); send them in parts");
        }
        Set<String> allowed = new TreeSet<>(grant.fields());
        allowed.remove(spec.keyField());
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> r = records.get(i);
            if (r == null) {
                throw ProblemException.badRequest("verify.record", "records[" + i + "]", "a record is an object with the key "
                        + spec.keyField() + " and the fields to verify");
            }
            Object key = r.get(spec.keyField());
            if (key == null || key.toString().isBlank()) {
                throw ProblemException.badRequest("verify.key-missing", "records[" + i + "]." + spec.keyField(), "each record carries the key "
                        + spec.keyField() + " of " + spec.code());
            }
            for (String f : r.keySet()) {
                if (!f.equals(spec.keyField()) && !allowed.contains(f)) {
                    throw new ProblemException(403, "verify.field-not-granted", "Forbidden", "'" + f + "' is not among the fields grant "
                            + grant.id() + " lets be verified " + allowed + "; leave it out, or ask for it", "records[" + i + "]." + f);
                }
            }
        }
    }

    /**
     * The rate, the guessing check, and last the day's quota, taken only by a call that passed the
     * others; rate and quota are counted across the platform's nodes ({@link PlatformLimits}).
     */
    private void limits(Grant grant, VerificationCalls.Terms terms, int records, Instant now, Caller by) {
        int perMinute = terms.callsPerMinute() == null ? config.callsPerMinute() : terms.callsPerMinute();
        if (!platformLimits.takeCall(grant.id(), now, perMinute)) {
            calls.record(grant.id(), by.organisation(), grant.resourceCode(), now, VerificationCalls.Counts.NONE, "verify.rate");
            throw refused(grant, by, grant.resourceCode(), records, "verify.rate", 429, "grant " + grant.id() + " allows " + perMinute
                    + " calls a minute, on all the platform's nodes together; wait, or send more records in one call (up to "
                    + config.maxRecords() + ")");
        }
        VerificationCalls.Counts window = calls.lookedAtSince(grant.id(), now.minus(config.guessing().window()));
        if (guessing(window)) {
            calls.record(grant.id(), by.organisation(), grant.resourceCode(), now, VerificationCalls.Counts.NONE, "verify.guessing");
            throw refused(grant, by, grant.resourceCode(), records, "verify.guessing", 429, "grant " + grant.id() + ": " + window.misses()
                    + " of the last " + window.records() + " records verified within " + config.guessing().window()
                    + " were misses, which shows guessing; verification under this grant is refused until they fall out of that window");
        }
        int perDay = terms.recordsPerDay() == null ? config.recordsPerDay() : terms.recordsPerDay();
        PlatformLimits.Taken taken = platformLimits.takeRecords(grant.id(), LocalDate.now(clock), records, perDay);
        if (!taken.within()) {
            throw refused(grant, by, grant.resourceCode(), records, "verify.quota", 429, "grant " + grant.id() + " allows " + perDay
                    + " records a day, on all the platform's nodes together; " + taken.usedBefore() + " used today, " + records
                    + " more asked; go on tomorrow, or ask the provider for more");
        }
    }

    private boolean guessing(VerificationCalls.Counts window) {
        return window.records() >= config.guessing().minRecords()
                && window.misses() >= config.guessing().threshold() * window.records();
    }

    /**
     * Every record takes the same steps whether its key is held or not: its values are masked and
     * compared with the held record, or with an empty one; only then is a key not held answered.
     */
    List<RecordResult> compare(ResourceSpec spec, List<Map<String, Object>> records, boolean unknownDistinct) {
        Map<String, ProfileMasking.Planned> plan = masking.planFor(spec, profiles.forDestination(Destination.AGGREGATION)).stream()
                .collect(Collectors.toMap(ProfileMasking.Planned::field, p -> p));
        List<String> keys = new ArrayList<>(records.size());
        for (Map<String, Object> r : records) {
            keys.add(recordKeys.masked(spec, VerifiableValue.key(r.get(spec.keyField()))));
        }
        Map<String, Map<String, Object>> held = new HashMap<>();
        for (Map<String, Object> h : datasets.byKeys(spec.code(), List.copyOf(new LinkedHashSet<>(keys)), null)) {
            held.put(String.valueOf(h.get(spec.keyField())), h);
        }
        List<String> verifiable = digests.verifiableItems(spec);
        Map<String, Map<String, String>> digested = verifiable.isEmpty() ? Map.of()
                : digests.heldFor(spec.code(), List.copyOf(new LinkedHashSet<>(keys)));
        List<RecordResult> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> stored = held.get(keys.get(i));
            Map<String, Object> against = stored == null ? Map.of() : stored;
            Map<String, String> digestsHeld = stored == null ? Map.of() : digested.getOrDefault(keys.get(i), Map.of());
            Map<String, Outcome> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : records.get(i).entrySet()) {
                String f = e.getKey();
                if (f.equals(spec.keyField())) {
                    continue;
                }
                Outcome masked = compare(e.getValue(), against.get(f), plan.get(f));
                // A digest, when the held version came with one, decides exactly; it is taken for a key
                // not held too, so that both take the same steps.
                String mine = verifiable.contains(f) && e.getValue() != null ? digests.digestOf(spec.code(), f, e.getValue()) : null;
                String theirs = digestsHeld.get(f);
                fields.put(f, mine == null || theirs == null ? masked
                        : MessageDigest.isEqual(mine.getBytes(StandardCharsets.US_ASCII), theirs.getBytes(StandardCharsets.US_ASCII))
                        ? Outcome.MATCH : Outcome.MISMATCH);
            }
            if (stored == null) {
                Outcome notHeld = unknownDistinct ? Outcome.UNKNOWN : Outcome.MISMATCH;
                fields.replaceAll((f, o) -> notHeld);
                out.add(new RecordResult(i, notHeld, fields));
            } else {
                out.add(new RecordResult(i, overall(fields.values()), fields));
            }
        }
        return out;
    }

    /** With {@code stored} the {@link #NOT_HELD} stand-in when the key is not held: the same steps either way. */
    private static Outcome compare(Object given, Object stored, ProfileMasking.Planned rule) {
        if (given == null) {
            return Outcome.UNKNOWN;
        }
        Object mine = given instanceof String s ? s.strip() : given;
        boolean exact = rule == null || EXACT_STRATEGIES.contains(rule.rule().strategy());
        boolean readable = true;
        if (rule != null) {
            try {
                mine = rule.masker().mask(mine);
            } catch (RuntimeException unreadable) {
                readable = false;
            }
        }
        boolean agree = same(mine, stored == null ? NOT_HELD : stored);
        if (!readable) {
            return Outcome.MISMATCH;
        }
        if (stored == null) {
            return Outcome.UNKNOWN;
        }
        return !agree ? Outcome.MISMATCH : exact ? Outcome.MATCH : Outcome.UNKNOWN;
    }

    private static boolean same(Object a, Object b) {
        if (a == null) {
            return false;
        }
        String x = a.toString().strip();
        String y = b.toString().strip();
        if (x.equals(y)) {
            return true;
        }
        // Decided without exceptions: a thrown one costs more than the comparison, and would time the difference.
        if (NUMBER.matcher(x).matches() && NUMBER.matcher(y).matches()) {
            return new BigDecimal(x).compareTo(new BigDecimal(y)) == 0;
        }
        return x.equalsIgnoreCase(y) && x.chars().allMatch(c -> c < 128);
    }

    /** A record matches when every field does; a key alone matches when it is held. */
    private static Outcome overall(Collection<Outcome> fields) {
        if (fields.contains(Outcome.MISMATCH)) {
            return Outcome.MISMATCH;
        }
        return fields.contains(Outcome.UNKNOWN) ? Outcome.UNKNOWN : Outcome.MATCH;
    }

    /** Per record; a miss is a mismatch, or a key not held answered UNKNOWN under terms that tell it apart. */
    private static VerificationCalls.Counts count(List<RecordResult> results, boolean unknownDistinct) {
        int match = 0, mismatch = 0, unknown = 0, misses = 0;
        for (RecordResult r : results) {
            switch (r.result()) {
                case MATCH -> match++;
                case MISMATCH -> {
                    mismatch++;
                    misses++;
                }
                case UNKNOWN -> unknown++;
            }
        }
        return new VerificationCalls.Counts(results.size(), match, mismatch, unknown, misses);
    }

    private static Set<String> fieldsAsked(List<Map<String, Object>> records) {
        Set<String> names = new TreeSet<>();
        records.forEach(r -> names.addAll(r.keySet()));
        return names;
    }

    private ProblemException refused(Grant grant, Caller by, String code, int records, String rule, int status, String detail) {
        usageLog.append(entry(by, grant, code, null, new VerificationCalls.Counts(records, 0, 0, 0, 0), UsageDecision.REFUSED, rule, detail));
        return new ProblemException(status, rule, status == 429 ? "Too many requests" : "Forbidden", detail, null);
    }

    /** The usage-log entry of a call: field names and counts, never a value or a key. */
    private static UsageEntry entry(Caller by, Grant grant, String code, Set<String> fields, VerificationCalls.Counts counts,
                                    UsageDecision decision, String rule, String detail) {
        return new UsageEntry(null, 0, null, by.person(), by.organisation(), by.purpose(), grant == null ? null : grant.id(), code,
                DESTINATION, fields == null ? null : String.join(",", fields), counts.records(), 0, decision, rule, null, null,
                by.traceId(), null, detail, null, null, by.keyId());
    }

    private static void require(String value, String header, String detail) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(400, "caller." + (header.equals("Pdx-Person") ? "person" : "purpose") + "-missing", "Bad request",
                    detail, header);
        }
    }
}
