package org.pdxhub.plugins.documents;

import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugins.identifiers.BankCardCheck;
import org.pdxhub.plugins.identifiers.ChinesePassportCheck;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;
import org.pdxhub.plugins.identifiers.EmailCheck;
import org.pdxhub.plugins.identifiers.HongKongMacaoPermitCheck;
import org.pdxhub.plugins.identifiers.LandlineCheck;
import org.pdxhub.plugins.identifiers.MobileCheck;
import org.pdxhub.plugins.identifiers.UsccCheck;
import org.pdxhub.plugins.masking.PseudonymStrategy;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The standard checks and pseudonyms, as the node registers them. */
final class TestPlugins {

    static final Registry<IdentifierCheck> CHECKS = new Registry<>("identifier check", List.of(new CitizenIdCheck(),
            new UsccCheck(), new BankCardCheck(), new MobileCheck(), new LandlineCheck(), new EmailCheck(),
            new ChinesePassportCheck(), new HongKongMacaoPermitCheck()),
            IdentifierCheck::kind);

    static final MaskingKeys KEYS = new MaskingKeys() {
        @Override
        public byte[] pseudonymSecret() {
            return "platform-secret-of-ganzi-2025".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] encryptionKey(String keyId) {
            return null;
        }
    };

    static final Registry<MaskingStrategy> STRATEGIES = new Registry<>("masking strategy",
            List.of(new PseudonymStrategy()), MaskingStrategy::name);

    /** What the hub's field masking gives a citizen-id field under pseudonym(sm3). */
    static final FieldMasker PSEUDONYMS = new PseudonymStrategy().compile(List.of("sm3"), KEYS);

    private TestPlugins() {
    }
}
