package org.pdxhub.hub.envelope;

import org.pdxhub.hub.api.TextFields;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Pdx*} headers every exchanged message carries (DESIGN.md); JMS names cannot hold a
 * dash, so the queue form is {@code PdxPerson} where HTTP has {@code Pdx-Person}.
 */
public final class Headers {

    public static final String RESOURCE = "PdxResource";
    public static final String RESOURCE_VERSION = "PdxResourceVersion";
    public static final String PROVIDER = "PdxProvider";
    public static final String REQUESTER = "PdxRequester";
    public static final String PERSON = "PdxPerson";
    public static final String PURPOSE = "PdxPurpose";
    public static final String GRANT = "PdxGrant";
    public static final String TRACE_ID = "PdxTraceId";
    public static final String MESSAGE_ID = "PdxMessageId";
    public static final String SOURCE_NODE = "PdxSourceNode";
    /** The organisation of the node that sent the message on. */
    public static final String SOURCE_ORG = "PdxSourceOrg";
    public static final String REASON = "PdxReason";
    public static final String RULE = "PdxRule";
    public static final String TO = "PdxTo";
    /** UP (from a child) or DOWN (from the parent), on messages between nodes. */
    public static final String DIRECTION = "PdxDirection";
    /** JSON list of the hops the message took so far ({@link org.pdxhub.hub.envelope.Hop}). */
    public static final String HOPS = "PdxHops";
    /** The node where the records entered the hierarchy (the first hop), for provenance. */
    public static final String ORIGIN_NODE = "PdxOriginNode";
    /** JSON map field → rule of what earlier nodes masked, so that no node masks twice. */
    public static final String MASKED = "PdxMasked";
    /** The usage-log entry of this node's gate passage: landing lets a later passage's record win, whatever the landing order. */
    public static final String PASSAGE_SEQ = "PdxPassageSeq";
    /**
     * Artemis message groups: messages of one group go to one consumer at a time, in order.
     * Set when the gate queues records for landing ({@link #group}).
     */
    public static final String GROUP = "JMSXGroupID";
    /** Groups per resource: how many consumers can land one resource's single-key messages side by side. */
    static final int KEY_BUCKETS = 64;

    /**
     * The message group of records queued for landing: the resource and the bucket of the records'
     * keys when they all fall in one bucket (always so for a single record), so that versions of
     * one record land in the order they passed the gate; otherwise the resource alone.
     */
    public static String group(String resource, Collection<?> keys) {
        int bucket = -1;
        for (Object key : keys) {
            int b = key == null ? -2 : Math.floorMod(key.toString().hashCode(), KEY_BUCKETS);
            if (bucket == -1) {
                bucket = b;
            } else if (bucket != b) {
                return resource;
            }
        }
        return bucket < 0 ? resource : resource + "/" + bucket;
    }

    /** Artemis duplicate detection: the broker takes a message with an id it has seen only once. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /**
     * How long a header the node stores or passes on may be, in its HTTP and its queue form. The
     * columns of the usage log are this wide; a longer value is the caller's mistake (400), found
     * before anything is written, not the store's (it answered 503 "store unavailable").
     */
    public record Limit(String http, String queue, int maxLength) {
    }

    public static final List<Limit> LIMITS = List.of(
            new Limit("Pdx-Person", PERSON, 100),
            new Limit("Pdx-Purpose", PURPOSE, 500),
            new Limit("Pdx-Trace-Id", TRACE_ID, 64),
            new Limit("Pdx-Message-Id", MESSAGE_ID, 64));

    /** Any other {@code Pdx-*} header (signatures, nonces, digests): generous, but bounded. */
    public static final int OTHER_MAX_LENGTH = 256;

    /** The limit of a header by its HTTP or queue name (case-insensitive). */
    public static int maxLength(String name) {
        return LIMITS.stream().filter(l -> l.http().equalsIgnoreCase(name) || l.queue().equalsIgnoreCase(name))
                .mapToInt(Limit::maxLength).findFirst().orElse(OTHER_MAX_LENGTH);
    }

    /**
     * What a sender's message id may hold, on every path it comes in by (REST, a route, a queue, a
     * link): it is a key of the usage log, of the landed messages and of the broker's duplicate
     * ids, and it is printed in logs and dead letters.
     */
    private static final Pattern MESSAGE_ID_CHARACTERS = Pattern.compile("[A-Za-z0-9._:~-]+");

    /** True for the message id's header, in its HTTP or its queue form. */
    public static boolean isMessageId(String name) {
        return "Pdx-Message-Id".equalsIgnoreCase(name) || MESSAGE_ID.equalsIgnoreCase(name);
    }

    /**
     * What is wrong with a header's value, in words the sender can act on, never repeating the
     * value: too long, or holding a line break or another control character (a CR/LF in a person
     * would start a forged line in any log that prints it), or a message id of other characters
     * than {@link #MESSAGE_ID_CHARACTERS}. A blank message id is none: the node names the message.
     */
    public static Optional<String> problem(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (isMessageId(name) && value.isBlank()) {
            return Optional.empty();
        }
        int max = maxLength(name);
        if (value.length() > max) {
            return Optional.of(name + " is " + value.length() + " characters long; at most " + max + " are taken");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (TextFields.breaksALine(c)) {
                return Optional.of(name + " holds a control character (U+" + String.format("%04X", (int) c) + ") at position " + (i + 1)
                        + "; send one line of text without CR, LF, TAB or other control characters");
            }
        }
        if (isMessageId(name) && !MESSAGE_ID_CHARACTERS.matcher(value).matches()) {
            return Optional.of(name + " must be 1 to " + max + " characters of letters, digits and . _ : ~ -");
        }
        return Optional.empty();
    }

    /**
     * The broker's duplicate id of a message: its sender's message id, scoped by the sender, so
     * that no organisation can make the broker drop another's message by borrowing its id.
     */
    public static String duplicateId(String sender, String messageId) {
        return sender + "/" + messageId;
    }

    private Headers() {
    }
}
