package org.pdxhub.hub.exchange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;

/** What the node does with personal data found in documents, and the limits no document passes. */
@ConfigMapping(prefix = "pdx.documents")
public interface DocumentConfig {

    /**
     * Action per kind found (citizen-id, mobile, phone, bank-card, uscc, email, passport-cn,
     * permit-hk-macao, licence-plate, person-name, address, organisation): REDACT, PSEUDONYMISE,
     * REFUSE or KEEP. Kinds not named: REDACT, except uscc and organisation: KEEP.
     */
    Map<String, String> actions();

    @WithName("max-input-bytes")
    @WithDefault("52428800")
    long maxInputBytes();

    @WithName("max-extracted-characters")
    @WithDefault("5000000")
    int maxExtractedCharacters();

    @WithName("parse-timeout")
    @WithDefault("60s")
    Duration parseTimeout();

    @WithName("max-embedded-depth")
    @WithDefault("4")
    int maxEmbeddedDepth();

    /**
     * Heap of each child JVM documents are parsed in, in MB; a child is killed when a document's
     * parse-timeout passes. 0 parses in the node's own JVM (a hostile document can then exhaust
     * the node's memory: for tests and benchmarks only).
     */
    @WithName("fork.max-heap-mb")
    @WithDefault("256")
    int forkMaxHeapMb();

    /**
     * Child JVMs kept warm between documents (each parses one document at a time); 0 starts a
     * fresh child for every document. A child is ended after any refusal.
     */
    @WithName("fork.pool-size")
    @WithDefault("2")
    int forkPoolSize();

    /** Documents one child parses before it is replaced by a fresh one. */
    @WithName("fork.documents-per-child")
    @WithDefault("500")
    int forkDocumentsPerChild();

    @WithName("max-uncompressed-bytes")
    @WithDefault("268435456")
    long maxUncompressedBytes();
}
