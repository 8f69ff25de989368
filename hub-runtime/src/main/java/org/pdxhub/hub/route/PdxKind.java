package org.pdxhub.hub.route;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a {@code pdx:} endpoint is a door to; each goes one way only. */
public enum PdxKind {

    /** {@code to: pdx:ingest/{code}}: records a provider sends up, through the gate. */
    INGEST(false, "a resource code"),
    /** {@code to: pdx:document/{code}}: a document (PDF, Word...) a provider sends, scanned and redacted as an upload. */
    DOCUMENT(false, "a resource code"),
    /** {@code from: pdx:return/{uscc}}: records returned (返还, art. 20) to an organisation this node serves. */
    RETURN(true, "the USCC of an organisation this node serves"),
    /** {@code from: pdx:share/{code}}: held records of a resource as they change, for an organisation that holds a live grant on it. */
    SHARE(true, "a resource code"),
    /** {@code to: pdx:sign/{peer}}: signs the message for an HTTP push that follows, with the peer's key. */
    SIGN(false, "a signing peer, as pdx.signing.peers.<peer> names it"),
    /** {@code to: pdx:verify/{code}?holder={uscc}}: records verified (核验) under the holder's verification grant; the answer comes back as the body. */
    VERIFY(false, "a resource code"),
    /** {@code from: pdx:notify}: the node's workflow events (requests due, decisions, grants). */
    NOTIFY(true, null);

    private final boolean consumer;
    private final String target;

    PdxKind(boolean consumer, String target) {
        this.consumer = consumer;
        this.target = target;
    }

    /** True when routes read from it ({@code from:}), false when they send to it ({@code to:}). */
    public boolean consumer() {
        return consumer;
    }

    /** What the part after the slash names, or null when the kind takes none. */
    public String target() {
        return target;
    }

    public String scheme() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PdxKind> of(String name) {
        return Arrays.stream(values()).filter(k -> k.scheme().equals(name)).findFirst();
    }

    /** How each kind is written, for messages that list them. */
    public static String usage() {
        return "pdx:ingest/{code} (to), pdx:document/{code} (to), pdx:return/{uscc} (from), pdx:share/{code}?holder={uscc} (from), pdx:notify (from),"
                + " pdx:sign/{peer}?path=... (to, before an HTTP push), pdx:verify/{code}?holder={uscc} (to, answered in the body)";
    }
}
