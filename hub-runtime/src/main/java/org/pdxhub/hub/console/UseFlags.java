package org.pdxhub.hub.console;

import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.usereview.UseReport;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The flags of a review of use as its page shows them: how many there are of each kind, and one
 * page of them, of one kind or of all, newest first. A grant read around the clock has a flag a day;
 * the reviewer sees the counts at once and reaches every flag page by page, never a truncated list.
 *
 * @param kinds the count of each kind of flag, whatever the page shows
 * @param total all flags of the review
 * @param kind  the kind shown, null for all
 * @param page  the page shown, from 1
 * @param pages how many pages the flags shown make (at least 1)
 * @param first the position of the first flag shown among those of its kind (from 1; 0 when none)
 * @param last  the position of the last flag shown
 * @param of    how many flags there are of the kind shown
 * @param shown the flags on this page
 */
public record UseFlags(List<KindCount> kinds, int total, String kind, int page, int pages, int first, int last, int of,
                       List<UseReport.Flag> shown) {

    /** The kinds a review of use flags, as {@link UseReport.Flag} names them: what {@code ?kind=} accepts. */
    static final List<String> KINDS = List.of("VOLUME", "OUT_OF_HOURS", "FIELDS_BEYOND_GRANT", "REFUSED");

    /** The newest day first; within a day the latest read first, a day's volume flag (which has no time) after its reads. */
    private static final Comparator<UseReport.Flag> NEWEST_FIRST = Comparator
            .comparing(UseReport.Flag::day, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(UseReport.Flag::at, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(UseReport.Flag::kind);

    public record KindCount(String kind, int count) {
    }

    /**
     * Page {@code page} (from 1; none: the first; past the last: the last) of the flags of
     * {@code kind} (none: every kind), {@code size} to a page.
     */
    public static UseFlags of(List<UseReport.Flag> flags, String kind, Integer page, int size) {
        String wanted = kind == null || kind.isBlank() ? null : kind.strip();
        if (wanted != null && !KINDS.contains(wanted)) {
            throw ProblemException.badRequest("invalid-kind", "kind", "kind is one of " + String.join(", ", KINDS) + "; not '" + kind + "'");
        }
        Map<String, Long> counted = flags.stream().collect(Collectors.groupingBy(UseReport.Flag::kind, TreeMap::new, Collectors.counting()));
        List<KindCount> kinds = KINDS.stream().filter(counted::containsKey).map(k -> new KindCount(k, counted.get(k).intValue())).toList();
        List<UseReport.Flag> matching = flags.stream().filter(f -> wanted == null || wanted.equals(f.kind())).sorted(NEWEST_FIRST).toList();
        int pages = Math.max(1, (matching.size() + size - 1) / size);
        int shownPage = Math.min(Math.max(page == null ? 1 : page, 1), pages);
        int from = (shownPage - 1) * size;
        int to = Math.min(from + size, matching.size());
        return new UseFlags(kinds, flags.size(), wanted, shownPage, pages, matching.isEmpty() ? 0 : from + 1, to, matching.size(),
                matching.subList(from, to));
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }
}
