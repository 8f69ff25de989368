package org.pdxhub.plugin;

import java.util.Optional;

/**
 * Checks one kind of identifier (art. 10: citizen ID, USCC; also mobile, bank card...).
 * Registered by {@link #kind()}, which catalog items name as their identifier kind.
 */
public interface IdentifierCheck {

    /** The name items use, e.g. {@code citizen-id}, {@code uscc}, {@code mobile}, {@code bank-card}. */
    String kind();

    /**
     * @return empty when the value is valid, else why not, in words a sender can act on; the
     *         reason never repeats the value (it may be personal data)
     */
    Optional<String> problem(String value);

    default boolean isValid(String value) {
        return problem(value).isEmpty();
    }
}
