package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.gate.MaskingProfiles;
import org.pdxhub.hub.gate.ProfileMasking;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.ResourceSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A record key as lineage keeps and finds it: masked as the node's aggregation profile masks the
 * key field (a pseudonym for an article-10 identifier), so that neither the trail of a return nor
 * a look-up needs the raw key, and whoever knows the raw identifier still finds the record.
 */
@ApplicationScoped
public class RecordKeys {

    @Inject
    ProfileMasking masking;

    @Inject
    MaskingProfiles profiles;

    /**
     * The raw identifier as the aggregation profile stores it; unchanged when the resource has no
     * key field, the profile leaves it, or it has the shape of the profile's output already.
     */
    public String masked(ResourceSpec spec, String raw) {
        if (spec.keyField() == null || raw == null) {
            return raw;
        }
        List<ProfileMasking.Planned> plan = masking.planFor(spec, profiles.forDestination(Destination.AGGREGATION)).stream()
                .filter(p -> p.field().equals(spec.keyField())).toList();
        // A key taken from a held dataset is masked already, exactly as stored: masking it again,
        // or changing its case, would lose it.
        if (plan.stream().anyMatch(p -> p.masker().looksMasked(raw.strip()))) {
            return raw.strip();
        }
        String value = raw.strip().toUpperCase(Locale.ROOT);
        Map<String, Object> record = new HashMap<>(Map.of(spec.keyField(), value));
        for (ProfileMasking.Planned p : plan) {
            record.put(p.field(), p.masker().mask(value));
        }
        return String.valueOf(record.get(spec.keyField()));
    }
}
