package org.pdxhub.plugin;

/**
 * Secrets that keyed strategies need, from the node's configuration. Implementations never
 * log or expose them.
 */
public interface MaskingKeys {

    /** The per-platform secret for keyed pseudonyms, so that pseudonyms join across nodes of a platform. */
    byte[] pseudonymSecret();

    /** The key for reversible field encryption with this id (16 bytes for SM4 and AES-128). */
    byte[] encryptionKey(String keyId);
}
