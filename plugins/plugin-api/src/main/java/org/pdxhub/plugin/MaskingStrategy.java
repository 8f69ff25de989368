package org.pdxhub.plugin;

import java.util.List;

/**
 * One way to mask a value, registered by {@link #name()}. A rule names it with arguments,
 * e.g. {@code keep(3,4)}; the strategy compiles the rule once into a {@link FieldMasker}.
 */
public interface MaskingStrategy {

    String name();

    /**
     * @throws IllegalArgumentException when an argument is wrong, naming the argument and
     *                                  what it must be (checked when a profile or item is loaded)
     */
    FieldMasker compile(List<String> args, MaskingKeys keys);
}
