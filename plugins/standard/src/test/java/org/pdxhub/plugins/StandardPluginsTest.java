package org.pdxhub.plugins;

import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugins.identifiers.BankCardCheck;
import org.pdxhub.plugins.identifiers.ChinesePassportCheck;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;
import org.pdxhub.plugins.identifiers.EmailCheck;
import org.pdxhub.plugins.identifiers.HongKongMacaoPermitCheck;
import org.pdxhub.plugins.identifiers.LandlineCheck;
import org.pdxhub.plugins.identifiers.MobileCheck;
import org.pdxhub.plugins.identifiers.PassportCheck;
import org.pdxhub.plugins.identifiers.TaiwanPermitCheck;
import org.pdxhub.plugins.identifiers.UsccCheck;
import org.pdxhub.plugins.masking.EncryptStrategy;
import org.pdxhub.plugins.masking.FpeCitizenIdStrategy;
import org.pdxhub.plugins.masking.FpeUsccStrategy;
import org.pdxhub.plugins.masking.GeneraliseAddressStrategy;
import org.pdxhub.plugins.masking.GeneraliseDateStrategy;
import org.pdxhub.plugins.masking.KeepStrategy;
import org.pdxhub.plugins.masking.PseudonymStrategy;
import org.pdxhub.plugins.masking.RangeStrategy;
import org.pdxhub.plugins.masking.SuppressStrategy;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardPluginsTest {

    private static final List<Class<? extends IdentifierCheck>> CHECKS = List.of(CitizenIdCheck.class, UsccCheck.class,
            MobileCheck.class, BankCardCheck.class, LandlineCheck.class, EmailCheck.class, ChinesePassportCheck.class,
            PassportCheck.class, HongKongMacaoPermitCheck.class, TaiwanPermitCheck.class);
    private static final List<Class<? extends MaskingStrategy>> STRATEGIES = List.of(KeepStrategy.class,
            SuppressStrategy.class, GeneraliseDateStrategy.class, GeneraliseAddressStrategy.class, RangeStrategy.class,
            PseudonymStrategy.class, FpeCitizenIdStrategy.class, FpeUsccStrategy.class, EncryptStrategy.class);

    @Test
    void checksAreRegisteredUnderTheKindsCatalogItemsName() {
        Registry<IdentifierCheck> registry = new Registry<>("identifier check", CHECKS.stream()
                .map(StandardPluginsTest::instantiate).map(IdentifierCheck.class::cast).toList(), IdentifierCheck::kind);
        assertEquals(Set.of("citizen-id", "uscc", "mobile", "bank-card", "phone", "email", "passport-cn", "passport",
                "permit-hk-macao", "permit-taiwan"), registry.all().keySet());
    }

    @Test
    void strategiesAreRegisteredUnderTheNamesRulesUse() {
        Registry<MaskingStrategy> registry = new Registry<>("masking strategy", STRATEGIES.stream()
                .map(StandardPluginsTest::instantiate).map(MaskingStrategy.class::cast).toList(), MaskingStrategy::name);
        assertEquals(Set.of("keep", "suppress", "generalise-date", "generalise-address", "range", "pseudonym",
                "fpe-citizen-id", "fpe-uscc", "encrypt"), registry.all().keySet());
    }

    /** CDI finds them as singletons; benchmarks and tests create them with new. */
    @Test
    void everyPluginIsASingletonBeanWithAPublicNoArgumentConstructor() {
        for (Class<?> plugin : allPlugins()) {
            assertTrue(plugin.isAnnotationPresent(Singleton.class), plugin + " is not @Singleton");
            assertTrue(Modifier.isPublic(plugin.getModifiers()), plugin + " is not public");
            assertDoesNotThrow(() -> plugin.getConstructor(), plugin + " has no public no-argument constructor");
        }
    }

    private static List<Class<?>> allPlugins() {
        List<Class<?>> all = new ArrayList<>(CHECKS);
        all.addAll(STRATEGIES);
        return all;
    }

    private static Object instantiate(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " cannot be created with new", e);
        }
    }
}
