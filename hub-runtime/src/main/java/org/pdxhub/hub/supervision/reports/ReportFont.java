package org.pdxhub.hub.supervision.reports;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.api.ProblemException;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CJK font of the report files: found once among {@code pdx.reports.fonts}. Without one, a PDF
 * would show Chinese as empty boxes, so the PDF is refused with what to install instead.
 */
@Singleton
public class ReportFont {

    @Inject
    ReportsConfig config;

    private volatile Optional<Path> found;

    public Optional<Path> file() {
        if (found == null) {
            found = config.fonts().stream().map(String::strip).map(Path::of).filter(Files::isReadable).findFirst();
        }
        return found;
    }

    /** The path as OpenPDF names a font: a collection's first face is {@code file.ttc,0}. */
    public String pdfName() {
        Path f = require();
        return f.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc") ? f + ",0" : f.toString();
    }

    /** The font for charts, at a size. */
    public Font awt(float size) {
        Optional<Path> f = file();
        if (f.isEmpty()) {
            return new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size));
        }
        try {
            return Font.createFonts(f.get().toFile())[0].deriveFont(size);
        } catch (IOException | FontFormatException e) {
            return new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(size));
        }
    }

    Path require() {
        return file().orElseThrow(() -> new ProblemException(503, "report.no-cjk-font", "No CJK font",
                "no font with Chinese glyphs among pdx.reports.fonts " + config.fonts() + ": install fonts-wqy-microhei or name a .ttf/.ttc", null));
    }
}
