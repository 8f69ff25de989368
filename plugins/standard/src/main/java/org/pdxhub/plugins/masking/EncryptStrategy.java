package org.pdxhub.plugins.masking;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;

import java.util.List;

/**
 * {@code encrypt(sm4|aes-gcm,keyId)}: the value encrypted under the configured key {@code keyId}
 * (see {@link FieldCipher} for the form), so that a grant holder entitled to it can be given the
 * clear value with {@link FieldCipher#decrypt}. The value is encrypted as text: a number comes
 * back as its digits.
 */
@Singleton
public final class EncryptStrategy implements MaskingStrategy {

    public static final String NAME = "encrypt";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FieldMasker compile(List<String> args, MaskingKeys keys) {
        RuleArgs a = RuleArgs.of(args, "encrypt(sm4|aes-gcm,keyId)", 2, 2);
        FieldCipher.Algorithm algorithm = a.choice(0, "algorithm", "sm4", "aes-gcm").equals("sm4")
                ? FieldCipher.Algorithm.SM4 : FieldCipher.Algorithm.AES_GCM;
        String keyId = a.text(1, "keyId");
        FieldCipher cipher;
        try {
            cipher = FieldCipher.create(algorithm, keyId, keys);
        } catch (IllegalArgumentException e) {
            throw a.needs(e.getMessage());
        }
        // A token counts as encrypted only when it opens under this node's key: a raw value behind
        // an "enc:" prefix fails the integrity check.
        return FieldMasker.of(value -> value == null ? null : cipher.encrypt(value.toString()),
                value -> value instanceof String s && cipher.opens(s));
    }
}
