package org.pdxhub.connector.jdbc;

import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.Health;
import org.pdxhub.connector.PositionStore;
import org.pdxhub.connector.RecordSink;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** One table read incrementally: a query per batch, the position stored after the node took it. */
class JdbcTable implements ConnectorInstance {

    static final String POSITION = "position";

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final String table;
    private final String column;
    private final String resource;
    private final String person;
    private final String purpose;
    private final Duration poll;
    private final int batchSize;
    private final RecordSink sink;
    private final PositionStore positions;

    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong recordsRejected = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private static final System.Logger LOG = System.getLogger(JdbcTable.class.getName());

    private volatile Health health = Health.down("not started");

    JdbcTable(String name, String url, String user, String password, String table, String column, String resource, String person,
              String purpose, Duration poll, int batchSize, RecordSink sink, PositionStore positions) {
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.table = table;
        this.column = column;
        this.resource = resource;
        this.person = person;
        this.purpose = purpose;
        this.poll = poll;
        this.batchSize = batchSize;
        this.sink = sink;
        this.positions = positions;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "jdbc";
    }

    @Override
    public void start() {
        health = Health.up("reading " + table + " after " + positions.get(POSITION).orElse("the start"));
    }

    @Override
    public void stop() {
        health = Health.down("stopped");
    }

    @Override
    public Optional<Duration> pollEvery() {
        return Optional.of(poll);
    }

    /** DOWN, logged once per cause rather than at every poll. */
    private void down(String detail) {
        if (!detail.equals(health.detail())) {
            LOG.log(System.Logger.Level.WARNING, "connector " + name + ": " + detail);
        }
        health = Health.down(detail);
    }

    @Override
    public Health health() {
        return health;
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("batches-sent", batchesSent.get());
        counts.put("records-sent", recordsSent.get());
        counts.put("records-rejected", recordsRejected.get());
        counts.put("failures", failures.get());
        return counts;
    }

    @Override
    public void poll() {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            int type = positionType(c);
            while (true) {
                Optional<String> from = positions.get(POSITION);
                List<Map<String, Object>> batch = new ArrayList<>();
                String last = null;
                try (PreparedStatement ps = c.prepareStatement("select * from " + table
                        + (from.isPresent() ? " where " + column + " > ?" : "") + " order by " + column)) {
                    ps.setMaxRows(batchSize);
                    ps.setFetchSize(batchSize);
                    if (from.isPresent()) {
                        bind(ps, type, from.get());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            Map<String, Object> record = new LinkedHashMap<>();
                            for (int i = 1; i <= md.getColumnCount(); i++) {
                                Object value = value(rs.getObject(i));
                                // The position column is the connector's bookkeeping, not a catalog data item: not sent.
                                if (value != null && !md.getColumnLabel(i).equalsIgnoreCase(column)) {
                                    record.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
                                }
                            }
                            last = rs.getString(column);
                            batch.add(record);
                        }
                    }
                }
                if (batch.isEmpty()) {
                    health = Health.up("reading " + table + " after " + from.orElse("the start"));
                    return;
                }
                String messageId = messageId(from.orElse(""), last);
                try {
                    RecordSink.Accepted accepted = sink.send(resource, batch, person, purpose, messageId);
                    batchesSent.incrementAndGet();
                    recordsSent.addAndGet(accepted.accepted());
                    recordsRejected.addAndGet(accepted.rejected());
                } catch (RecordSink.SinkRefused refused) {
                    // The gate refused the whole batch and logged why; going on keeps the table from stalling on it.
                    failures.incrementAndGet();
                    recordsRejected.addAndGet(batch.size());
                    LOG.log(System.Logger.Level.WARNING, "connector " + name + ": a batch of " + table + " after " + from.orElse("the start")
                            + " was refused (" + refused.rule() + "): " + refused.getMessage());
                }
                positions.put(POSITION, last);
                if (batch.size() < batchSize) {
                    health = Health.up("reading " + table + " after " + last);
                    return;
                }
            }
        } catch (SQLException e) {
            failures.incrementAndGet();
            down("cannot read " + table + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // The node did not take the batch: the position stays, and the same batch (same message id) is sent again.
            failures.incrementAndGet();
            down("the node did not take a batch of " + table + ": " + e.getMessage());
        }
    }

    private int positionType(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + column + " from " + table + " where 1 = 0");
             ResultSet rs = ps.executeQuery()) {
            return rs.getMetaData().getColumnType(1);
        }
    }

    private static void bind(PreparedStatement ps, int type, String position) throws SQLException {
        switch (type) {
            case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> ps.setLong(1, Long.parseLong(position));
            case Types.NUMERIC, Types.DECIMAL -> ps.setBigDecimal(1, new BigDecimal(position));
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ps.setTimestamp(1, Timestamp.valueOf(position.replace('T', ' ')));
            default -> ps.setString(1, position);
        }
    }

    /** Values as JSON carries them: numbers, text, booleans; dates and times as ISO text. */
    private static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        return v.toString();
    }

    /** The same rows give the same id, so a batch resent after a crash is landed once. */
    private String messageId(String from, String to) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((name + "|" + table + "|" + from + "|" + to).getBytes(StandardCharsets.UTF_8));
            return "jdbc-" + HexFormat.of().formatHex(hash, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
