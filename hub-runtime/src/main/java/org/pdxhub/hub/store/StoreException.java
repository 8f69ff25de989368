package org.pdxhub.hub.store;

import java.sql.SQLException;

/** A store failure: an operator's problem, never the caller's, so it answers 503, not 4xx. */
public class StoreException extends RuntimeException {

    private final String sqlState;

    public StoreException(String sql, SQLException cause) {
        super("store: " + cause.getMessage() + " [" + firstWords(sql) + "]", cause);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState;
    }

    /** SQLSTATE class 23: a constraint said no (a duplicate key, a missing reference). */
    public boolean isConstraintViolation() {
        return sqlState != null && sqlState.startsWith("23");
    }

    private static String firstWords(String sql) {
        String s = sql.strip();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
