package org.pdxhub.hub.catalog;

import org.pdxhub.hub.api.ProblemException;

/** One rule an entry breaks: the field at fault and what to change. */
public record Violation(String field, String rule, String message) {

    public ProblemException toProblem() {
        return ProblemException.badRequest(rule, field, message);
    }
}
