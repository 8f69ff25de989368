package org.pdxhub.plugin;

import java.util.function.Predicate;

/** A masking rule compiled for one item: applied to every value of that item in a batch. */
@FunctionalInterface
public interface FieldMasker {

    /** @return the masked value; null stays null */
    Object mask(Object value);

    /**
     * Whether {@code value} has the shape this rule gives its output, so that a node can check what
     * a node below says it masked before taking its word. A rule whose output cannot be told from
     * raw data (format-preserving encryption gives a valid-looking ID) answers false: such a claim
     * is never taken on trust, and the value is masked again.
     */
    default boolean looksMasked(Object value) {
        return false;
    }

    /** A masker that can also tell its own output. */
    static FieldMasker of(FieldMasker mask, Predicate<Object> looksMasked) {
        return new FieldMasker() {
            @Override
            public Object mask(Object value) {
                return mask.mask(value);
            }

            @Override
            public boolean looksMasked(Object value) {
                return looksMasked.test(value);
            }
        };
    }
}
