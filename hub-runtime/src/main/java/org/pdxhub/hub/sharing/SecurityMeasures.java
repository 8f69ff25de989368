package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.api.ProblemException;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The security measures (安全保障措施) stated for conditionally shared data, and the requester's
 * acceptance of each (art. 18): a commitment is an explicit yes to every stated measure, by code,
 * not a sentence.
 */
@ApplicationScoped
public class SecurityMeasures {

    /** One stated measure. */
    public record Measure(String code, String text) {
    }

    @Inject
    SharingConfig config;

    public List<Measure> stated() {
        Map<String, Measure> out = new LinkedHashMap<>();
        for (String s : config.securityMeasures()) {
            int colon = s.indexOf(':');
            String code = (colon < 0 ? s : s.substring(0, colon)).strip();
            out.put(code, new Measure(code, colon < 0 ? code : s.substring(colon + 1).strip()));
        }
        return List.copyOf(out.values());
    }

    /** The accepted codes, in the stated order, when every stated measure is accepted and nothing else. */
    public Set<String> requireAcceptance(List<String> accepted) {
        List<Measure> stated = stated();
        Set<String> codes = new LinkedHashSet<>();
        stated.forEach(m -> codes.add(m.code()));
        if (accepted == null || accepted.isEmpty()) {
            throw ProblemException.badRequest("measures-not-accepted", "acceptedMeasures", "a CONDITIONAL request accepts each stated"
                    + " security measure by its code (art. 18); a free-text commitment alone is not an acceptance. Stated: " + describe(stated)
                    + " (GET /api/v1/share-requests/security-measures)");
        }
        Set<String> given = new LinkedHashSet<>();
        for (String a : accepted) {
            String code = a == null ? "" : a.strip();
            if (!codes.contains(code)) {
                throw ProblemException.badRequest("unknown-measure", "acceptedMeasures", "'" + code + "' is not a stated security measure;"
                        + " stated: " + codes);
            }
            given.add(code);
        }
        Set<String> missing = new LinkedHashSet<>(codes);
        missing.removeAll(given);
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("measures-not-accepted", "acceptedMeasures", "every stated security measure must be accepted"
                    + " (art. 18); not accepted: " + missing);
        }
        return codes;
    }

    private static String describe(List<Measure> stated) {
        return stated.stream().map(m -> m.code() + " (" + m.text() + ")").toList().toString();
    }
}
