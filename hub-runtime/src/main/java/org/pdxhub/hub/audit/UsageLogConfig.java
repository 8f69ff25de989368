package org.pdxhub.hub.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the usage log is sealed and watched. The key is never in the store: a copy or a writer of
 * the store can read the chain but not extend or rewrite it without the seal failing.
 */
@ConfigMapping(prefix = "pdx.usage-log")
public interface UsageLogConfig {

    /**
     * The sealing key, {@code base64:} of at least 32 bytes (make one with {@code openssl rand
     * -base64 32}); or set {@code key-file}. One of the two is required.
     */
    Optional<String> key();

    /** A file holding the key (its text is read as {@code key} is: {@code base64:...}). */
    @WithName("key-file")
    Optional<Path> keyFile();

    /** The MAC entries are sealed with: {@code HMAC-SHA256} (default) or {@code HMAC-SM3}. */
    @WithDefault("HMAC-SHA256")
    Seal.Algorithm algorithm();

    /**
     * Keys that sealed entries before a key change, by the key id each entry names (the id
     * {@code GET /api/v1/usage-log/verify} shows as {@code keyId}), each {@code base64:...}.
     */
    @WithName("retired-keys")
    Map<String, String> retiredKeys();

    /** How often the node signs its head, keeps it in the data folder and sends it to its parent. */
    @WithName("witness-every")
    @WithDefault("60s")
    Duration witnessEvery();

    /** How often the node verifies its chain from the last checkpoint (also once at start). */
    @WithName("verify-every")
    @WithDefault("10m")
    Duration verifyEvery();

    /**
     * How often the node verifies its whole chain from entry 1: a verify from the checkpoint does
     * not look again at entries it passed before, and a field edited there (its MAC left as it
     * was) is found only by a whole walk.
     */
    @WithName("full-verify-every")
    @WithDefault("24h")
    Duration fullVerifyEvery();

    /**
     * How long after the start the node walks its whole chain for the first time, in the
     * background (the start's own verify is from the checkpoint and stays fast): an entry edited in
     * the store while the node was stopped is found then, not a {@code full-verify-every} later.
     */
    @WithName("full-verify-after-start")
    @WithDefault("1m")
    Duration fullVerifyAfterStart();

    /** Entries read per page when verifying: memory stays bounded by this, not by the chain. */
    @WithName("verify-page")
    @WithDefault("2000")
    int verifyPage();
}
