package org.pdxhub.plugin;

/** A masking rule compiled for one item: applied to every value of that item in a batch. */
@FunctionalInterface
public interface FieldMasker {

    /** @return the masked value; null stays null */
    Object mask(Object value);
}
