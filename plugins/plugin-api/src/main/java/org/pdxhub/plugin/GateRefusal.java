package org.pdxhub.plugin;

/**
 * A whole message refused by a gate rule. It is an answer, not an error: the sender gets the
 * rule and detail, the message goes to the dead-letter address, and the refusal is logged.
 *
 * @see GateStep
 */
public class GateRefusal extends RuntimeException {

    private final String rule;
    private final String field;

    /**
     * @param rule   a stable, dotted name of the rule that refused (e.g. {@code grant.expired})
     * @param detail what is wrong and what to change, safe to show the sender (no personal data)
     */
    public GateRefusal(String rule, String detail) {
        this(rule, null, detail);
    }

    public GateRefusal(String rule, String field, String detail) {
        super(detail, null, false, false);
        this.rule = rule;
        this.field = field;
    }

    public String rule() {
        return rule;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }
}
