package org.pdxhub.hub.deadletter;

/**
 * Why a message goes to the dead-letter address, in the one form every path writes
 * ({@link DeadLetters#refuse}): the rule (its problem type is {@code urn:pdx:problem:<rule>}),
 * what the sender should change, where the message came from, whose it was, and what it carried.
 * Built with {@link #because} and the steps after it; a part nobody knows stays null.
 *
 * @param rule         the refusal's code, e.g. {@code message.malformed}, {@code link.refused}
 * @param reason       in words, naming the field and what to change; never the refused value
 * @param source       the address it came from ({@code pdx.in.{code}}, {@code pdx.link.in}...), or
 *                     {@value #GATE} for records the gate refused whatever carried them
 * @param organisation the organisation whose message it is (the authenticated sender)
 * @param replayable   whether sending it back to {@code source} can succeed without the sender
 *                     changing it: true only for the node's own failures, never for a refusal
 */
public record Refusal(String rule, String reason, String source, String organisation, String resource, String messageId,
                      boolean replayable) {

    /** The source of a letter the gate wrote about records it refused, whichever path brought them. */
    public static final String GATE = "gate";

    public static Refusal because(String rule, String reason) {
        return new Refusal(rule, reason, null, null, null, null, false);
    }

    public Refusal from(String address) {
        return new Refusal(rule, reason, address, organisation, resource, messageId, replayable);
    }

    public Refusal sentBy(String uscc) {
        return new Refusal(rule, reason, source, uscc, resource, messageId, replayable);
    }

    public Refusal about(String resourceCode, String id) {
        return new Refusal(rule, reason, source, organisation, resourceCode, id, replayable);
    }

    /** A failure of this node, not the sender's: once it is fixed the letter can go back where it came from. */
    public Refusal ofTheNode() {
        return new Refusal(rule, reason, source, organisation, resource, messageId, true);
    }

    public String problemType() {
        return "urn:pdx:problem:" + rule;
    }
}
