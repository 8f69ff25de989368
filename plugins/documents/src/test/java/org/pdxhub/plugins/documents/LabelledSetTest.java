package org.pdxhub.plugins.documents;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Precision and recall of the finder on the labelled sentences (certificates, forms, letters and
 * tables with the names and places of Ganzi): every ID and mobile found, names and addresses no
 * worse than the figures published in the plugin's README.
 */
class LabelledSetTest {

    private static Map<String, LabelledSet.Score> scores;
    private static Map<String, LabelledSet.Score> heldOut;
    /** The same sentences through the finder the gate runs on records' text fields (no HanLP organisations or unknown places). */
    private static Map<String, LabelledSet.Score> fieldScores;
    private static Map<String, LabelledSet.Score> fieldHeldOut;

    @BeforeAll
    static void score() throws IOException {
        scores = score(LabelledSet.TUNED, new PersonalDataFinder(TestPlugins.CHECKS));
        heldOut = score(LabelledSet.HELD_OUT, new PersonalDataFinder(TestPlugins.CHECKS));
        fieldScores = score(LabelledSet.TUNED, PersonalDataFinder.forRecordFields(TestPlugins.CHECKS));
        fieldHeldOut = score(LabelledSet.HELD_OUT, PersonalDataFinder.forRecordFields(TestPlugins.CHECKS));
    }

    private static Map<String, LabelledSet.Score> score(List<String> files, PersonalDataFinder finder) throws IOException {
        List<LabelledSet.Sentence> sentences = LabelledSet.load(files);
        Map<String, LabelledSet.Score> out = LabelledSet.score(sentences, text -> finder.find(text, false).stream()
                .map(m -> new LabelledSet.Span(label(m.kind()), m.start(), m.end())).toList());
        System.out.println(files + ": " + sentences.size() + " sentences\n" + LabelledSet.table(out));
        return out;
    }

    private static String label(FindingKind kind) {
        return switch (kind.key()) {
            case "person-name" -> "name";
            case "organisation" -> "org";
            case "licence-plate" -> "plate";
            default -> kind.key();
        };
    }

    private static void atLeast(Map<String, LabelledSet.Score> scores, String kind, double recall, double precision) {
        LabelledSet.Score s = scores.get(kind);
        assertTrue(s.recall() >= recall, kind + ": recall " + s.recall() + " fell below " + recall);
        assertTrue(s.precision() >= precision, kind + ": precision " + s.precision() + " fell below " + precision);
    }

    @Test
    void everyCitizenIdAndMobileIsFoundHoweverItIsWritten() {
        atLeast(scores, "citizen-id", 1.0, 1.0);
        atLeast(scores, "mobile", 1.0, 1.0);
        atLeast(heldOut, "citizen-id", 1.0, 1.0);
        atLeast(heldOut, "mobile", 1.0, 1.0);
    }

    @Test
    void theRecordFieldFinderFindsEveryNameAddressIdAndMobileTheDocumentFinderDoes() {
        for (String kind : List.of("name", "address", "citizen-id", "mobile", "bank-card", "plate", "passport-cn", "permit-hk-macao")) {
            atLeast(fieldScores, kind, scores.get(kind).recall(), scores.get(kind).precision());
        }
        for (String kind : List.of("name", "address", "citizen-id", "mobile")) {
            atLeast(fieldHeldOut, kind, heldOut.get(kind).recall(), heldOut.get(kind).precision());
        }
    }

    @Test
    void namesAndAddressesAreFoundNoWorseThanThePublishedFigures() {
        atLeast(scores, "name", 0.997, 0.99);
        atLeast(scores, "address", 1.0, 0.99);
        atLeast(heldOut, "name", 1.0, 1.0);
        atLeast(heldOut, "address", 0.85, 1.0);
    }

    @Test
    void bankCardsPlatesPassportsAndPermitsAreFound() {
        for (String kind : List.of("bank-card", "plate", "passport-cn", "permit-hk-macao")) {
            atLeast(scores, kind, 1.0, 1.0);
        }
    }
}
