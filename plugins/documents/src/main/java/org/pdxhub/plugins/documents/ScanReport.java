package org.pdxhub.plugins.documents;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a scan found, for the usage log (使用日志) and the sender: types, sizes, how many of each
 * kind of personal data and where, what was done. It holds no value that was found: the declared
 * name and the metadata are given with every finding masked by {@code *}, whatever the policy.
 *
 * @param declaredName          the file name as sent, findings masked
 * @param mediaType             the type detected from the content, null when refused before typing
 * @param declaredNameMediaType the type the name's extension claims ({@code application/octet-stream}
 *                              when it claims none)
 * @param nameDisagrees         whether the content is not of the type the name claims
 * @param inputBytes            size of the document
 * @param charactersExtracted   characters of text taken out, embedded documents included
 * @param truncated             whether text was cut off at the character limit (a policy choice)
 * @param embeddedDocuments     documents found inside, at all depths
 * @param counts                findings per kind ({@link FindingKind#key()}), kinds found only
 * @param findings              where each finding is, in order; at most {@link #MAX_LISTED_FINDINGS}
 * @param actions               the action applied per kind found
 * @param metadata              the document's metadata (title, author, dates...) with findings
 *                              masked; an embedded document's keys start {@code embedded-<n>/}
 * @param notes                 what the sender or an auditor should know (e.g. images are not read)
 * @param elapsedMillis         time the scan took
 * @param refusal               why the document was refused, or null when it was not
 */
public record ScanReport(String declaredName, String mediaType, String declaredNameMediaType, boolean nameDisagrees,
                         long inputBytes, int charactersExtracted, boolean truncated, int embeddedDocuments,
                         Map<String, Integer> counts, List<Finding> findings, Map<String, Action> actions,
                         Map<String, String> metadata, List<String> notes, long elapsedMillis, Refusal refusal) {

    /** Positions listed in a report; counts are always complete. */
    public static final int MAX_LISTED_FINDINGS = 10_000;

    /** @param reason the limit or rule, as {@link RefusalReason#code()} says it */
    public record Refusal(RefusalReason reason, String detail) {
    }

    public ScanReport {
        counts = sorted(counts);
        findings = List.copyOf(findings);
        actions = sorted(actions);
        metadata = sorted(metadata);
        notes = List.copyOf(notes);
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    public boolean refused() {
        return refusal != null;
    }

    public int count(FindingKind kind) {
        return counts.getOrDefault(kind.key(), 0);
    }
}
