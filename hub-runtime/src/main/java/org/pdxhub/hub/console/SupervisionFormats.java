package org.pdxhub.hub.console;

import io.quarkus.qute.TemplateExtension;

/** How the supervision page writes its figures ({@code sv:} in templates): a rate nothing measured shows a dash, not 0. */
@TemplateExtension(namespace = "sv")
public final class SupervisionFormats {

    private SupervisionFormats() {
    }

    /** A rate from 0 to 1 as a percentage with one decimal. */
    static String pct(Double rate) {
        return rate == null ? "—" : String.format("%.1f%%", rate * 100);
    }

    /** A score from 0 to 100 with one decimal. */
    static String score(Double score) {
        return score == null ? "—" : String.format("%.1f", score);
    }
}
