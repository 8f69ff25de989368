package org.pdxhub.plugins.documents;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to do with each kind of personal data found in a document, and the limits of the scan.
 *
 * @param actions         action per kind; a kind not named is redacted
 * @param limits          see {@link ScanLimits}
 * @param fifteenDigitIds also look for the 15-digit citizen IDs issued before 1999 (default off:
 *                        with no check character, any 15 digits with a region and a date pass)
 * @param refuseWithoutText refuse a document from which no text at all came out, such as a scanned
 *                        PDF or a photo (default on: there is no OCR, so its content was not checked)
 */
public record ScanPolicy(Map<FindingKind, Action> actions, ScanLimits limits, boolean fifteenDigitIds,
                         boolean refuseWithoutText) {

    /** Redact everything personal; keep USCCs and the names of organisations, which identify no person. */
    public static final ScanPolicy DEFAULTS = new ScanPolicy(Map.of(FindingKind.USCC, Action.KEEP,
            FindingKind.ORGANISATION, Action.KEEP),
            ScanLimits.DEFAULTS, false, true);

    public ScanPolicy {
        Objects.requireNonNull(limits, "limits");
        EnumMap<FindingKind, Action> all = new EnumMap<>(FindingKind.class);
        for (FindingKind kind : FindingKind.values()) {
            all.put(kind, Action.REDACT);
        }
        all.putAll(actions);
        actions = Collections.unmodifiableMap(all);
    }

    /**
     * A policy from configuration, e.g. {@code citizen-id=refuse, email=keep}.
     *
     * @throws IllegalArgumentException naming the key or value that is wrong
     */
    public static ScanPolicy of(Map<String, String> actionsByKind, ScanLimits limits) {
        EnumMap<FindingKind, Action> actions = new EnumMap<>(DEFAULTS.actions);
        actionsByKind.forEach((kind, action) -> actions.put(FindingKind.byKey(kind), Action.parse(action)));
        return new ScanPolicy(actions, limits, false, true);
    }

    public Action actionFor(FindingKind kind) {
        return actions.get(kind);
    }

    public ScanPolicy with(FindingKind kind, Action action) {
        EnumMap<FindingKind, Action> changed = new EnumMap<>(actions);
        changed.put(kind, action);
        return new ScanPolicy(changed, limits, fifteenDigitIds, refuseWithoutText);
    }

    public ScanPolicy withAll(Action action) {
        EnumMap<FindingKind, Action> changed = new EnumMap<>(FindingKind.class);
        for (FindingKind kind : FindingKind.values()) {
            changed.put(kind, action);
        }
        return new ScanPolicy(changed, limits, fifteenDigitIds, refuseWithoutText);
    }

    public ScanPolicy withLimits(ScanLimits changed) {
        return new ScanPolicy(actions, changed, fifteenDigitIds, refuseWithoutText);
    }

    public ScanPolicy withFifteenDigitIds(boolean on) {
        return new ScanPolicy(actions, limits, on, refuseWithoutText);
    }

    public ScanPolicy withRefuseWithoutText(boolean on) {
        return new ScanPolicy(actions, limits, fifteenDigitIds, on);
    }

    boolean pseudonymises() {
        return actions.containsValue(Action.PSEUDONYMISE);
    }
}
