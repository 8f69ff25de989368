package org.pdxhub.hub.signing;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Nonces already used, per key, in the platform's Hazelcast map, so that a request replayed to
 * another node of the same platform is refused too. An entry lives a little over twice the
 * clock-skew window: a timestamp is accepted from {@code t - skew} to {@code t + skew}, so a
 * nonce first seen at the earliest must still be known at the latest.
 */
@Singleton
public class NonceCache {

    static final String MAP = "pdx.signing.nonces";

    @Inject
    HazelcastInstance cluster;

    @Inject
    SigningKeys keys;

    private IMap<String, Long> nonces;
    private long ttlSeconds;

    @PostConstruct
    void open() {
        nonces = cluster.getMap(MAP);
        ttlSeconds = keys.clockSkew().multipliedBy(2).plus(Duration.ofSeconds(10)).toSeconds();
    }

    /** True the first time a key presents this nonce within the window; false for a replay. */
    public boolean firstUse(String keyId, String nonce, long seenAtEpochSecond) {
        return nonces.putIfAbsent(keyId + "\n" + nonce, seenAtEpochSecond, ttlSeconds, TimeUnit.SECONDS) == null;
    }

    long ttlSeconds() {
        return ttlSeconds;
    }
}
