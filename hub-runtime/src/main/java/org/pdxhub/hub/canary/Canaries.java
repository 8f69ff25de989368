package org.pdxhub.hub.canary;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.gate.MaskingProfiles;
import org.pdxhub.hub.gate.ProfileMasking;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canary records (溯源标记): each grant's share reads and subscription deliveries (a route's
 * {@code pdx:share}, whatever it writes them to: a file drop, an HTTP push) of personal data carry a few records of
 * people who do not exist, made once per grant and held exactly as real records are held (masked
 * by the aggregation profile), so that nothing in the extract tells them apart. Only this node
 * knows which they are, and so which grant a leaked extract came from. The provider's own reads
 * and open data never carry them.
 */
@ApplicationScoped
public class Canaries {

    private static final TypeReference<Map<String, Object>> RECORD = new TypeReference<>() {
    };

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    ProfileMasking masking;

    @Inject
    MaskingProfiles profiles;

    @Inject
    CanaryConfig config;

    private final FakePeople people = new FakePeople();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * The first page of a grant holder's read with the grant's canaries mixed in, at places that
     * depend on the grant; any other page, a reader who is the provider, a resource without
     * personal items or key, as it was.
     */
    public List<Map<String, Object>> mixIn(ResourceSpec spec, String grantId, String reader, List<Map<String, Object>> page, int offset) {
        if (!config.enabled() || grantId == null || offset != 0 || page.isEmpty() || spec.keyField() == null
                || spec.providerUscc().equals(reader) || spec.fields().stream().noneMatch(FieldSpec::personal)) {
            return page;
        }
        List<Map<String, Object>> canaries = forGrant(spec, grantId, page.get(0));
        List<Map<String, Object>> out = new ArrayList<>(page);
        for (int i = 0; i < canaries.size(); i++) {
            int at = Math.floorMod((grantId + "#" + i).hashCode(), out.size() + 1);
            out.add(at, new LinkedHashMap<>(canaries.get(i)));
        }
        return out;
    }

    /** The grant's canaries, made on its first read: a real record's shape, every personal item and the key a fake person's. */
    private List<Map<String, Object>> forGrant(ResourceSpec spec, String grantId, Map<String, Object> shape) {
        synchronized (locks.computeIfAbsent(grantId, k -> new Object())) {
            List<Map<String, Object>> held = held(grantId, spec.code());
            for (int i = held.size(); i < config.perGrant(); i++) {
                Map<String, Object> canary = stored(spec, fake(spec, shape));
                sql.update("insert into canary_record (grant_id, resource_code, record_key, payload, created_at) values (?,?,?,?,?)",
                        grantId, spec.code(), String.valueOf(canary.get(spec.keyField())), write(canary), Instant.now(clock));
                held.add(canary);
            }
            return held;
        }
    }

    private List<Map<String, Object>> held(String grantId, String code) {
        return new ArrayList<>(sql.list("select payload from canary_record where grant_id = ? and resource_code = ? order by record_key",
                rs -> read(rs.getString(1)), grantId, code));
    }

    private Map<String, Object> fake(ResourceSpec spec, Map<String, Object> shape) {
        FakePeople.Person p = people.next(random);
        Map<String, Object> r = new HashMap<>(shape);
        for (FieldSpec f : spec.fields()) {
            if (!f.personal() && !f.name().equals(spec.keyField())) {
                continue;
            }
            String kind = f.identifierKind() == null ? "" : f.identifierKind();
            String name = f.name().toLowerCase(Locale.ROOT);
            Object v;
            if (kind.equals("citizen-id")) {
                v = p.citizenId();
            } else if (kind.equals("mobile") || name.contains("mobile") || name.contains("phone")) {
                v = p.mobile();
            } else if (f.type() == DataType.DATE) {
                v = p.birthDate().toString();
            } else if (name.contains("address") || name.contains("addr")) {
                v = p.address();
            } else {
                v = p.name();
            }
            r.put(f.name(), v);
        }
        return r;
    }

    /** As the aggregation profile would have stored it, so that it reads like every held record. */
    private Map<String, Object> stored(ResourceSpec spec, Map<String, Object> raw) {
        Map<String, Object> r = new LinkedHashMap<>(raw);
        for (ProfileMasking.Planned p : masking.planFor(spec, profiles.forDestination(Destination.AGGREGATION))) {
            if (r.containsKey(p.field())) {
                r.put(p.field(), p.masker().mask(r.get(p.field())));
            }
        }
        return r;
    }

    /** The canaries among {@code keys} (as held, i.e. masked) of a resource: record key → grant. */
    Map<String, String> grantsOf(String code, List<String> keys) {
        Map<String, String> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + 500));
            List<Object> params = new ArrayList<>();
            params.add(code);
            params.addAll(part);
            sql.list("select record_key, grant_id from canary_record where resource_code = ? and record_key in ("
                    + String.join(",", Collections.nCopies(part.size(), "?")) + ")", rs -> {
                found.put(rs.getString(1), rs.getString(2));
                return null;
            }, params.toArray());
        }
        return found;
    }

    private Map<String, Object> read(String payload) {
        try {
            return json.readValue(payload, RECORD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
