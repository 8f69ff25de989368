package org.pdxhub.plugins.documents;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the node builds and configures the module: beans, constructors, policies from configuration. */
class DocumentsPluginTest {

    @Test
    void theScannerAndTheReaderAreSingletonBeansTheNodeCanBuild() {
        for (Class<?> bean : List.of(DocumentScanner.class, SpreadsheetReader.class)) {
            assertTrue(bean.isAnnotationPresent(Singleton.class), bean + " is not @Singleton");
            assertTrue(Modifier.isPublic(bean.getModifiers()), bean + " is not public");
        }
        List<Constructor<?>> injected = Arrays.stream(DocumentScanner.class.getConstructors())
                .filter(c -> c.isAnnotationPresent(Inject.class)).toList();
        assertEquals(1, injected.size(), "one constructor for CDI");
        assertDoesNotThrow(() -> SpreadsheetReader.class.getConstructor());
    }

    @Test
    void theNodesScannerPseudonymisesAsTheHubsFieldMaskingDoes() throws Exception {
        try (DocumentScanner scanner = new DocumentScanner(TestPlugins.CHECKS, TestPlugins.STRATEGIES, TestPlugins.KEYS)) {
            ScanResult result = scanner.scan(TestDocuments.text(List.of("身份证号：" + Planted.CITIZEN_ID)), "a.txt",
                    ScanPolicy.DEFAULTS.with(FindingKind.CITIZEN_ID, Action.PSEUDONYMISE));
            assertEquals("身份证号：" + TestPlugins.PSEUDONYMS.mask(Planted.CITIZEN_ID), result.text().strip());
        }
    }

    @Test
    void aScannerWithoutPseudonymsRefusesToRunAPolicyThatNeedsThem() {
        try (DocumentScanner scanner = new DocumentScanner(TestPlugins.CHECKS, null, 1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> scanner.scan(new byte[1], "a.txt",
                    ScanPolicy.DEFAULTS.withAll(Action.PSEUDONYMISE)));
            assertTrue(e.getMessage().contains("without pseudonyms"), e.getMessage());
        }
    }

    @Test
    void aPolicyIsReadFromConfigurationAndAWrongKeyOrActionIsNamed() {
        ScanPolicy policy = ScanPolicy.of(Map.of("citizen-id", "refuse", "email", "keep"), ScanLimits.DEFAULTS);
        assertEquals(Action.REFUSE, policy.actionFor(FindingKind.CITIZEN_ID));
        assertEquals(Action.KEEP, policy.actionFor(FindingKind.EMAIL));
        assertEquals(Action.REDACT, policy.actionFor(FindingKind.MOBILE), "a kind not named is redacted");
        assertEquals(Action.KEEP, policy.actionFor(FindingKind.USCC), "as by default");
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> ScanPolicy.of(Map.of("passport", "redact"), ScanLimits.DEFAULTS));
        assertTrue(kind.getMessage().startsWith("'passport' is not a kind of personal data the scanner finds; known: citizen-id"),
                kind.getMessage());
        IllegalArgumentException action = assertThrows(IllegalArgumentException.class,
                () -> ScanPolicy.of(Map.of("email", "hide"), ScanLimits.DEFAULTS));
        assertEquals("'hide' is not an action: write keep, redact, pseudonymise or refuse", action.getMessage());
    }

    @Test
    void aLimitOutOfRangeIsNamedWhenThePolicyIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScanLimits.DEFAULTS.withMaxExtractedCharacters(0, false));
        assertEquals("max-extracted-characters must be a whole number above 0, not 0", e.getMessage());
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> ScanLimits.DEFAULTS.withParseTimeout(Duration.ZERO));
        assertTrue(timeout.getMessage().startsWith("parse-timeout must be longer than zero"), timeout.getMessage());
    }
}
