package org.pdxhub.plugins.masking;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;

import java.util.List;

/** {@code suppress}: the value is removed (becomes null). */
@Singleton
public final class SuppressStrategy implements MaskingStrategy {

    public static final String NAME = "suppress";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FieldMasker compile(List<String> args, MaskingKeys keys) {
        RuleArgs.of(args, NAME, 0, 0);
        return FieldMasker.of(value -> null, value -> value == null);
    }
}
