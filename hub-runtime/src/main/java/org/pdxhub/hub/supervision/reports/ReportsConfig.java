package org.pdxhub.hub.supervision.reports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Periodic reports (定期通报, art. 42). */
@ConfigMapping(prefix = "pdx.reports")
public interface ReportsConfig {

    /**
     * TrueType fonts (.ttf, or .ttc: the first face) with Chinese glyphs, tried in turn; the first found
     * is embedded in PDF reports and draws the charts. Debian: fonts-wqy-microhei or fonts-wqy-zenhei.
     */
    @WithDefault("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,"
            + "/usr/share/fonts/truetype/arphic/uming.ttc")
    List<String> fonts();

    /** A Quarkus cron: when last month's report (and on the quarter's first day, last quarter's) is generated, per department and for the platform. */
    @WithDefault("0 30 1 1 * ?")
    String schedule();
}
