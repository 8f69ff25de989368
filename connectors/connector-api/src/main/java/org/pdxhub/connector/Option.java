package org.pdxhub.connector;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One option of a connector kind, on a component of the kind's options record: its key, what it
 * means, its default and its bounds, as a Camel endpoint's {@code @UriParam} declares them. The
 * node reads, checks and documents options from these declarations only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Option {

    /** The key in {@code pdx.connectors.<name>.<key>}. */
    String name();

    String description();

    /** The default, as it would be written; empty when there is none. */
    String defaultValue() default "";

    boolean required() default false;

    /** A password or key: never shown, never logged. */
    boolean secret() default false;

    /** Smallest value of a number, or of a duration in milliseconds. */
    long min() default Long.MIN_VALUE;

    /** Largest value of a number, or of a duration in milliseconds. */
    long max() default Long.MAX_VALUE;
}
