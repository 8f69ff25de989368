package org.pdxhub.hub.statistics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.store.Sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The held records of a resource as the statistics need them, one row each in {@code stats_row}:
 * the declared dimensions' values and the declared measures clipped to their bound, so that a
 * query is one GROUP BY in the store instead of reading every record's payload. Rows are brought up
 * to date before each query from what landed since the last one; a change of the declared items,
 * or held records and rows that no longer agree in number, rebuilds the resource's rows.
 */
@ApplicationScoped
public class StatsRows {

    /** Columns of stats_row: a resource declaring more is answered by reading its records instead. */
    static final int DIMENSIONS = 8;
    static final int MEASURES = 4;
    private static final int PAGE = 2_000;
    /** A landing that commits later than it took its time is still read. */
    private static final Duration LATE_COMMIT = Duration.ofMinutes(1);
    private static final String MERGE = "merge into stats_row t using (values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))"
            + " as s (resource_code, record_key, d1, d2, d3, d4, d5, d6, d7, d8, m1, m2, m3, m4)"
            + " on t.resource_code = s.resource_code and t.record_key = s.record_key"
            + " when matched then update set d1 = s.d1, d2 = s.d2, d3 = s.d3, d4 = s.d4, d5 = s.d5, d6 = s.d6, d7 = s.d7, d8 = s.d8,"
            + " m1 = s.m1, m2 = s.m2, m3 = s.m3, m4 = s.m4"
            + " when not matched then insert (resource_code, record_key, d1, d2, d3, d4, d5, d6, d7, d8, m1, m2, m3, m4)"
            + " values (s.resource_code, s.record_key, s.d1, s.d2, s.d3, s.d4, s.d5, s.d6, s.d7, s.d8, s.m1, s.m2, s.m3, s.m4)";

    /** Which item each column holds: dimensions in d1.., measures with their bound in m1... */
    record Layout(List<String> dimensions, Map<String, Double> measures) {

        static Optional<Layout> of(Statistics.Declared declared) {
            if (declared.dimensions().size() > DIMENSIONS || declared.sums().size() > MEASURES) {
                return Optional.empty();
            }
            return Optional.of(new Layout(List.copyOf(declared.dimensions()), new LinkedHashMap<>(declared.sums())));
        }

        String text() {
            return "d:" + String.join(",", dimensions) + ";m:" + measures;
        }

        String dimensionColumn(String item) {
            return "d" + (dimensions.indexOf(item) + 1);
        }

        String measureColumn(String item) {
            return "m" + (new ArrayList<>(measures.keySet()).indexOf(item) + 1);
        }
    }

    /** One group: its dimension values (null where the record had none), its count and its clipped sum. */
    record Group(List<String> values, long count, double sum) {
    }

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Counts, and the sum of {@code sumOf} when named, grouped by {@code by}, over the resource's rows brought up to date. */
    List<Group> grouped(String code, Layout layout, List<String> by, String sumOf) {
        refresh(code, layout);
        List<String> columns = by.stream().map(layout::dimensionColumn).toList();
        String sum = sumOf == null ? "0" : "sum(" + layout.measureColumn(sumOf) + ")";
        String group = columns.isEmpty() ? "" : " group by " + String.join(", ", columns);
        String select = (columns.isEmpty() ? "" : String.join(", ", columns) + ", ") + "count(*), " + sum;
        return sql.list("select " + select + " from stats_row where resource_code = ?" + group, rs -> {
            List<String> values = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
                values.add(rs.getString(i));
            }
            return new Group(values, rs.getLong(columns.size() + 1), rs.getDouble(columns.size() + 2));
        }, code);
    }

    /**
     * Brings the resource's rows up to what is held: what landed after the last refresh's settled
     * time (the last minute is read again each time, for a landing that commits late), or all of it.
     */
    void refresh(String code, Layout layout) {
        synchronized (locks.computeIfAbsent(code, k -> new Object())) {
            Optional<Stored> stored = sql.one("select layout, refreshed_to from stats_layout where resource_code = ?",
                    rs -> new Stored(rs.getString(1), Sql.instant(rs, "refreshed_to")), code);
            if (stored.isEmpty() || !stored.get().layout().equals(layout.text()) || stored.get().refreshedTo() == null) {
                rebuild(code, layout);
                return;
            }
            Instant since = stored.get().refreshedTo();
            // By landing time only (resource_code || '' keeps the primary key out of it): what landed since, not every held record.
            List<Held> landed = sql.list("select record_key, payload, received_at from dataset_record where received_at > ?"
                    + " and resource_code || '' = ?", StatsRows::held, since, code);
            for (int from = 0; from < landed.size(); from += PAGE) {
                write(code, layout, landed.subList(from, Math.min(landed.size(), from + PAGE)));
            }
            Instant newest = latest(stored.get().refreshedTo(), landed);
            if (!agree(code)) {
                rebuild(code, layout);
                return;
            }
            sql.update("update stats_layout set refreshed_to = ? where resource_code = ?", settled(newest), code);
        }
    }

    /**
     * Up to where the next refresh need not look again: the newest landing read, but never within the
     * last minute, whose landings (stamped before they commit) may still be committing.
     */
    private Instant settled(Instant newest) {
        Instant settled = Instant.now(clock).minus(LATE_COMMIT);
        return newest == null || newest.isAfter(settled) ? (newest == null ? null : settled) : newest;
    }

    /** A held record as read for its row. */
    private record Held(String key, String payload, Instant receivedAt) {
    }

    private static Held held(ResultSet rs) throws SQLException {
        return new Held(rs.getString(1), rs.getString(2), Sql.instant(rs, "received_at"));
    }

    private static Instant latest(Instant newest, List<Held> page) {
        Instant n = newest;
        for (Held h : page) {
            if (n == null || h.receivedAt().isAfter(n)) {
                n = h.receivedAt();
            }
        }
        return n;
    }

    private record Stored(String layout, Instant refreshedTo) {
    }

    /** Every held record has its row and no row outlives its record: held records are only ever merged, never removed. */
    private boolean agree(String code) {
        return sql.count("select count(*) from stats_row where resource_code = ?", code)
                == sql.count("select count(*) from dataset_record where resource_code = ?", code);
    }

    private void rebuild(String code, Layout layout) {
        sql.update("delete from stats_row where resource_code = ?", code);
        Instant newest = null;
        String after = "";
        while (true) {
            // Ordered by the primary key's columns from the first: H2 then reads in index order instead of sorting every held record.
            List<Held> page = sql.list("select record_key, payload, received_at from dataset_record where resource_code = ? and record_key > ?"
                    + " order by resource_code, record_key limit " + PAGE, StatsRows::held, code, after);
            write(code, layout, page);
            newest = latest(newest, page);
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).key();
        }
        if (sql.update("update stats_layout set layout = ?, refreshed_to = ? where resource_code = ?", layout.text(), settled(newest), code) == 0) {
            sql.update("insert into stats_layout (resource_code, layout, refreshed_to) values (?, ?, ?)", code, layout.text(), settled(newest));
        }
    }

    private void write(String code, Layout layout, List<Held> page) {
        List<Object[]> rows = new ArrayList<>(page.size());
        for (Held held : page) {
            JsonNode record = parse(held.payload());
            Object[] row = new Object[2 + DIMENSIONS + MEASURES];
            row[0] = code;
            row[1] = held.key();
            for (int i = 0; i < layout.dimensions().size(); i++) {
                JsonNode v = record.get(layout.dimensions().get(i));
                row[2 + i] = v == null || v.isNull() ? null : v.asText();
            }
            int m = 0;
            for (Map.Entry<String, Double> e : layout.measures().entrySet()) {
                row[2 + DIMENSIONS + m++] = clip(record.get(e.getKey()), e.getValue());
            }
            for (; m < MEASURES; m++) {
                row[2 + DIMENSIONS + m] = 0.0;
            }
            rows.add(row);
        }
        sql.batch(MERGE, rows);
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value clipped to [-bound, bound], so that one record moves a sum by at most the bound; not a number counts 0. */
    static double clip(JsonNode v, double bound) {
        if (v == null || v.isNull()) {
            return 0;
        }
        double x;
        if (v.isNumber()) {
            x = v.doubleValue();
        } else {
            try {
                x = Double.parseDouble(v.asText());
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        return Double.isNaN(x) ? 0 : Math.max(-bound, Math.min(bound, x));
    }
}
