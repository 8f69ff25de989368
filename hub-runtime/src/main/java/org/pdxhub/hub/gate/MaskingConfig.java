package org.pdxhub.hub.gate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Secrets and profiles for masking. Secrets come from configuration and are never logged. */
@ConfigMapping(prefix = "pdx.masking")
public interface MaskingConfig {

    /**
     * The per-platform secret for keyed pseudonyms (at least 16 bytes): the same on every node
     * of a platform so pseudonyms join across them. {@code base64:...} or plain text.
     */
    @WithName("pseudonym-secret")
    String pseudonymSecret();

    /** Field-encryption keys by id, each {@code base64:} of 16 bytes (SM4 or AES-128). */
    Map<String, String> keys();

    /** The masking profiles; default {@code <config-dir>/masking-profiles.json}. */
    @WithName("profiles-file")
    Optional<Path> profilesFile();
}
