package org.pdxhub.plugins.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The labelled sentences of {@code src/test/resources/labelled/} (personal data marked
 * {@code {kind|text}}, {@code \n} for a line break) and the precision and recall of a finder on them,
 * per kind. A datum counts as found when the finds of its kind cover every character of it but
 * spaces and line breaks (what redaction needs); a find counts as right when it overlaps a datum of
 * its kind.
 */
final class LabelledSet {

    record Span(String kind, int start, int end) {
    }

    record Sentence(String text, List<Span> labels) {
    }

    /** Counts of one kind. */
    record Score(int labelled, int found, int finds, int right) {

        double recall() {
            return labelled == 0 ? 1 : (double) found / labelled;
        }

        double precision() {
            return finds == 0 ? 1 : (double) right / finds;
        }
    }

    /** Sentences the finder was tuned on: the generated ones and the first hand-written ones. */
    static final List<String> TUNED = List.of("generated.txt", "hand-written.txt");
    /** Sentences written after the finder was tuned, and not tuned on since. */
    static final List<String> HELD_OUT = List.of("held-out.txt");

    static List<Sentence> load(List<String> files) throws IOException {
        List<Sentence> out = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = LabelledSet.class.getResourceAsStream("/labelled/" + file)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        out.add(parse(line));
                    }
                }
            }
        }
        return out;
    }

    static Sentence parse(String marked) {
        String line = marked.replace("\\n", "\n").replace("\\t", "\t");
        StringBuilder text = new StringBuilder();
        List<Span> labels = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            int bar = c == '{' ? line.indexOf('|', i) : -1;
            int close = bar > 0 ? line.indexOf('}', bar) : -1;
            if (close > 0 && line.substring(i + 1, bar).matches("[a-z-]+")) {
                int start = text.length();
                text.append(line, bar + 1, close);
                labels.add(new Span(line.substring(i + 1, bar), start, text.length()));
                i = close;
            } else {
                text.append(c);
            }
        }
        return new Sentence(text.toString(), labels);
    }

    /** Kind → score, of {@code finder} (text → finds with the kinds of the labels) on {@code sentences}. */
    static Map<String, Score> score(List<Sentence> sentences, Function<String, List<Span>> finder) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Sentence s : sentences) {
            List<Span> finds = finder.apply(s.text());
            for (Span label : s.labels()) {
                int[] c = counts.computeIfAbsent(label.kind(), k -> new int[4]);
                c[0]++;
                if (covered(s.text(), label, finds)) {
                    c[1]++;
                } else if (System.getProperty("labelled.misses") != null) {
                    System.out.println("MISS " + label.kind() + " " + s.text().substring(label.start(), label.end()) + " :: " + s.text() + " :: " + finds);
                }
            }
            for (Span find : finds) {
                int[] c = counts.computeIfAbsent(find.kind(), k -> new int[4]);
                c[2]++;
                if (s.labels().stream().anyMatch(l -> l.kind().equals(find.kind()) && l.start() < find.end() && find.start() < l.end())) {
                    c[3]++;
                } else if (System.getProperty("labelled.misses") != null) {
                    System.out.println("WRONG " + find.kind() + " " + s.text().substring(find.start(), find.end()) + " :: " + s.text());
                }
            }
        }
        Map<String, Score> out = new TreeMap<>();
        counts.forEach((kind, c) -> out.put(kind, new Score(c[0], c[1], c[2], c[3])));
        return out;
    }

    private static boolean covered(String text, Span label, List<Span> finds) {
        for (int i = label.start(); i < label.end(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u3000') {
                continue;
            }
            int at = i;
            if (finds.stream().noneMatch(f -> f.kind().equals(label.kind()) && f.start() <= at && at < f.end())) {
                return false;
            }
        }
        return true;
    }

    /** The scores as the Markdown table of the plugin's README. */
    static String table(Map<String, Score> scores) {
        StringBuilder out = new StringBuilder("| kind | labelled | found | finds | right | recall | precision |\n|---|---|---|---|---|---|---|\n");
        scores.forEach((kind, s) -> out.append(String.format("| %s | %d | %d | %d | %d | %.1f%% | %.1f%% |%n", kind,
                s.labelled(), s.found(), s.finds(), s.right(), 100 * s.recall(), 100 * s.precision())));
        return out.toString();
    }

    private LabelledSet() {
    }
}
