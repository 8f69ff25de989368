package org.pdxhub.hub.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Integrity tags for what this node shares through Hazelcast. Anyone who reaches a member port
 * can write to its maps, so an entry a decision rests on is sealed with an HMAC-SHA256 under the
 * platform key ({@code pdx.cluster.integrity-key}), which is in configuration and never in the
 * cluster; an entry whose tag fails is not believed, and the caller goes back to the store.
 */
@Singleton
public class ClusterIntegrity {

    /** The key of the demo configurations; a real node refuses to start with it. */
    static final List<String> DEMO_KEYS = List.of("demo-cluster-integrity-key-ganzi-platform-2026");

    private static final Logger LOG = Logger.getLogger(ClusterIntegrity.class);
    private static final String KEY = "pdx.cluster.integrity-key";
    private static final String SEAL = "pdx1.";
    /** Base64 (URL, no padding) of a 32-byte tag. */
    private static final int TAG_CHARS = 43;

    @Inject
    ClusterSecurityConfig config;

    @Inject
    HubConfig hub;

    @Inject
    MeterRegistry metrics;

    private SecretKeySpec key;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void decode() {
        if (config.integrityKey().isEmpty() && !hub.demo()) {
            throw new StartupRefused(KEY, "is required: set base64: of 32 random bytes, the same on every node of the platform"
                    + " (environment PDX_CLUSTER_INTEGRITY_KEY)");
        }
        byte[] bytes = config.integrityKey().map(ClusterIntegrity::decode).orElse(DEMO_KEYS.get(0).getBytes(StandardCharsets.UTF_8));
        if (bytes.length < 32) {
            throw new StartupRefused(KEY, "the cluster integrity key must be at least 32 bytes, this one has " + bytes.length
                    + ": set base64: of 32 random bytes, the same on every node of the platform");
        }
        key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /**
     * After the node's own start-up checks (priority 2500), so that a demo configuration run as a
     * real node is refused for its seed first, as it always was; the member may already be up, but
     * the node does not serve.
     */
    public void refuseTheDemoKeyOutsideTheDemo() {
        byte[] bytes = key.getEncoded();
        if (!hub.demo() && DEMO_KEYS.stream().anyMatch(d -> MessageDigest.isEqual(d.getBytes(StandardCharsets.UTF_8), bytes))) {
            throw new StartupRefused(KEY, "is the well-known demo key, which only the demo configuration may use: set a key of your own");
        }
    }

    /** The value as stored in map {@code map} under {@code entryKey}: tag, then the value itself. */
    public String seal(String map, String entryKey, String value) {
        return SEAL + tag(map, entryKey, value) + "." + value;
    }

    /**
     * The value of a sealed entry when its tag is right for this map and key (so an entry moved
     * to another key fails too); empty, counted and logged when it is not.
     */
    public Optional<String> open(String map, String entryKey, String sealed) {
        if (sealed.length() > SEAL.length() + TAG_CHARS && sealed.startsWith(SEAL) && sealed.charAt(SEAL.length() + TAG_CHARS) == '.') {
            String value = sealed.substring(SEAL.length() + TAG_CHARS + 1);
            byte[] expected = tag(map, entryKey, value).getBytes(StandardCharsets.US_ASCII);
            byte[] found = sealed.substring(SEAL.length(), SEAL.length() + TAG_CHARS).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, found)) {
                return Optional.of(value);
            }
        }
        refused(map, entryKey, "its integrity tag is wrong or missing");
        return Optional.empty();
    }

    /**
     * An entry of a shared map was not believed: counted as {@code pdx_cluster_integrity_failures_total{map}}
     * and logged once per key (the key only: values never go to the log).
     */
    public void refused(String map, String entryKey, String why) {
        metrics.counter("pdx.cluster.integrity.failures", "map", map).increment();
        if (reported.add(map + "\n" + entryKey)) {
            LOG.errorf("Cluster: entry '%s' of map %s is not believed (%s): someone who reached the cluster network wrote it;"
                    + " the store's copy is used instead. Check who can reach the members' port.", entryKey, map, why);
        }
    }

    /** What a member shows to join this platform's cluster: derived from the key, so the key itself never travels. */
    public String joinToken(String clusterName) {
        return mac("pdx-cluster-join\n" + clusterName);
    }

    private String tag(String map, String entryKey, String value) {
        return mac(map + '\0' + entryKey + '\0' + value);
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String value) {
        if (value.startsWith("base64:")) {
            try {
                return Base64.getDecoder().decode(value.substring("base64:".length()));
            } catch (IllegalArgumentException e) {
                throw new StartupRefused(KEY, "is not valid base64");
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
