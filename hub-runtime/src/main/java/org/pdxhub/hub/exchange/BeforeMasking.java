package org.pdxhub.hub.exchange;

import org.pdxhub.plugin.ResourceSpec;

import java.util.List;
import java.util.Map;

/**
 * What a feature keeps of a provider's raw records before the gate masks them for aggregation,
 * once they have passed (the verification's keyed digests): the raw values exist only here.
 */
public interface BeforeMasking {

    /** Takes what it needs from the raw records; nothing is kept until {@link Taken#passed}. */
    Taken take(ResourceSpec spec, List<Map<String, Object>> raw);

    /** What was taken, waiting for the passage. */
    interface Taken {

        Taken NOTHING = (storedKeys, passageSeq) -> {
        };

        /** The records with these stored keys passed the gate as usage-log entry {@code passageSeq}. */
        void passed(List<?> storedKeys, long passageSeq);
    }
}
