package org.pdxhub.hub.responsibility;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A department's sharing responsibility list (共享责任清单, art. 17) or open responsibility list
 * (开放责任清单, art. 25), generated from its published catalog entries: what it must share or
 * open, under which classification, how often it updates, and on which conditions or basis.
 *
 * @param asOf    the day the list was generated, in the calendar's zone
 * @param entries every published resource of the department, those it must share or open first
 */
public record ResponsibilityList(String organisation, String organisationName, Kind kind, LocalDate asOf, List<Entry> entries) {

    public enum Kind {
        SHARING("共享责任清单"), OPEN("开放责任清单");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /**
     * One resource of the department.
     *
     * @param classification the share type (SHARING) or open type (OPEN): UNCONDITIONAL, CONDITIONAL or NONE
     * @param must           the department must share or open it: the classification is not NONE
     * @param conditions     for CONDITIONAL, the conditions (art. 15, 23)
     * @param basis          for NONE, the law or rule it rests on (art. 15, 23)
     * @param items          each data item as {@code name (title)}
     */
    public record Entry(String code, String name, int version, String classification, boolean must, String conditions,
                        String basis, String updateCycle, String format, List<String> items, Instant publishedAt) {
    }
}
