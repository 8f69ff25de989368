package org.pdxhub.hub.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.DataItem;
import org.pdxhub.hub.catalog.ItemUse;
import org.pdxhub.hub.exchange.BeforeMasking;
import org.pdxhub.hub.exchange.RecordKeys;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.StoreException;
import org.pdxhub.plugin.ResourceSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keyed digests of the raw values of verifiable items (核验, art. 18, 36), kept beside the masked
 * records. They are taken where the raw values still are, at the gate passage of a provider's own
 * records: the gate masks before the aggregation queue, so the landing never sees a raw value.
 * Each digest row names its passage, and counts only while the held record is that passage's; the
 * landing itself is left alone.
 */
@ApplicationScoped
public class RecordDigests implements BeforeMasking {

    private static final TypeReference<Map<String, String>> DIGESTS = new TypeReference<>() {
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Later passage wins, as for the records: standard MERGE, the same on H2 (MODE=PostgreSQL) and PostgreSQL 15 and later. */
    private static final String MERGE = "merge into record_digest t using (values (?, ?, ?, ?)) as s (resource_code, record_key,"
            + " passage_seq, digests) on t.resource_code = s.resource_code and t.record_key = s.record_key"
            + " when matched and t.passage_seq <= s.passage_seq then update set passage_seq = s.passage_seq, digests = s.digests"
            + " when not matched then insert (resource_code, record_key, passage_seq, digests)"
            + " values (s.resource_code, s.record_key, s.passage_seq, s.digests)";

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Inject
    RecordKeys recordKeys;

    @Inject
    DigestKey key;

    /** The verifiable items per published version: read once, the catalog version fixes them. */
    private final Map<String, List<String>> verifiable = new ConcurrentHashMap<>();

    /** The items of the published version of {@code spec} that it declares verifiable. */
    public List<String> verifiableItems(ResourceSpec spec) {
        return verifiable.computeIfAbsent(spec.code() + "@" + spec.version(), k -> catalog.find(spec.code(), (int) spec.version())
                .map(r -> r.items().stream().filter(i -> i.declares(ItemUse::allowsVerification)).map(DataItem::name).toList())
                .orElse(List.of()));
    }

    /**
     * The digests of the verifiable items of a provider's raw records, taken before the gate
     * masks them; a key sent twice in one message keeps the later, as the landing does. They are
     * kept for the records that pass, under their passage, so a rejected record leaves none.
     */
    @Override
    public Taken take(ResourceSpec spec, List<Map<String, Object>> raw) {
        List<String> items = verifiableItems(spec);
        if (items.isEmpty() || spec.keyField() == null || raw == null || raw.isEmpty()) {
            return Taken.NOTHING;
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Map<String, Object> r : raw) {
            Object k = r == null ? null : r.get(spec.keyField());
            if (k == null || k.toString().isBlank()) {
                continue;
            }
            Map<String, String> digests = new LinkedHashMap<>();
            for (String item : items) {
                Object v = r.get(item);
                if (v != null && !v.toString().isBlank()) {
                    digests.put(item, key.digest(spec.code(), item, VerifiableValue.normalise(v)));
                }
            }
            String stored = recordKeys.masked(spec, k.toString());
            byKey.remove(stored);
            byKey.put(stored, write(digests));
        }
        return (passedKeys, passageSeq) -> keep(spec.code(), byKey, passedKeys, passageSeq);
    }

    private void keep(String resourceCode, Map<String, String> byKey, List<?> passedKeys, long passageSeq) {
        List<Object[]> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object k : passedKeys) {
            String stored = String.valueOf(k);
            String digests = byKey.get(stored);
            if (digests != null && seen.add(stored)) {
                rows.add(new Object[]{resourceCode, stored, passageSeq, digests});
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        // Two passages of one new key at once (two posts of a record, a post beside the queue) both find no
        // row and both insert; the one that loses finds the other's row when it tries again, and the later
        // passage still wins by its seq. Without this the loser's sender was answered 409 for records already sent on.
        for (int attempt = 1; ; attempt++) {
            try {
                sql.batch(MERGE, rows);
                return;
            } catch (StoreException e) {
                if (!e.isConstraintViolation() || attempt == MERGE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Tries of a batch of digests that met a key another passage inserted at the same moment. */
    private static final int MERGE_ATTEMPTS = 3;

    /** The digests of the held records among {@code storedKeys} whose held version came with them. */
    Map<String, Map<String, String>> heldFor(String resourceCode, List<String> storedKeys) {
        Map<String, Map<String, String>> found = new HashMap<>();
        for (int from = 0; from < storedKeys.size(); from += 500) {
            List<String> part = storedKeys.subList(from, Math.min(storedKeys.size(), from + 500));
            List<Object> params = new ArrayList<>();
            params.add(resourceCode);
            params.addAll(part);
            sql.list("select d.record_key, d.digests from record_digest d join dataset_record r on r.resource_code = d.resource_code"
                            + " and r.record_key = d.record_key and r.passage_seq = d.passage_seq where d.resource_code = ? and d.record_key in ("
                            + String.join(",", Collections.nCopies(part.size(), "?")) + ")",
                    rs -> found.put(rs.getString(1), read(rs.getString(2))), params.toArray());
        }
        return found;
    }

    /** The digest a verifier's value must equal. */
    String digestOf(String resourceCode, String item, Object given) {
        return key.digest(resourceCode, item, VerifiableValue.normalise(given));
    }

    private static String write(Map<String, String> digests) {
        try {
            return JSON.writeValueAsString(digests);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> read(String text) {
        try {
            return JSON.readValue(text, DIGESTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("record digests in the store are not readable", e);
        }
    }
}
