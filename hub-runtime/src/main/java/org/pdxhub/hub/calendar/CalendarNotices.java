package org.pdxhub.hub.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.store.Sql;

import java.time.Instant;
import java.util.List;

/** The holiday notices loaded at run time, one per year, in the store shared by the platform's nodes. */
@ApplicationScoped
public class CalendarNotices {

    /**
     * @param source what the notice is, e.g. 国办发明电〔2026〕12号
     * @param csv    the list as loaded, re-read at start
     */
    public record Notice(int year, String source, String csv, Instant loadedAt, String loadedBy) {
    }

    @Inject
    Sql sql;

    public List<Notice> all() {
        return sql.list("select * from calendar_notice order by notice_year",
                rs -> new Notice(rs.getInt("notice_year"), rs.getString("source"), rs.getString("csv"),
                        Sql.instant(rs, "loaded_at"), rs.getString("loaded_by")));
    }

    /** Stores the notice of its year, replacing an earlier one: in the caller's transaction. */
    public void save(Notice n) {
        sql.update("delete from calendar_notice where notice_year = ?", n.year());
        sql.update("insert into calendar_notice (notice_year, source, csv, loaded_at, loaded_by) values (?, ?, ?, ?, ?)",
                n.year(), n.source(), n.csv(), n.loadedAt(), n.loadedBy());
    }
}
