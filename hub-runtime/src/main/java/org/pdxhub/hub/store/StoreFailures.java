package org.pdxhub.hub.store;

import java.sql.SQLException;

/**
 * Tells a failure of the store (full disk, lost connection, timeout, closed database) from a
 * failure of what was asked of it. The first is the operator's to fix and passes: callers get
 * 503, landing waits and tries again. The second will fail the same way every time.
 */
public final class StoreFailures {

    private StoreFailures() {
    }

    /** True when the store itself failed, anywhere in the cause chain. */
    public static boolean isStoreFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return !isAboutTheData(sql.getSQLState());
            }
            if (t instanceof StoreException store) {
                return !store.isConstraintViolation() && !isAboutTheData(store.sqlState());
            }
            String type = t.getClass().getName();
            // The transaction manager, Agroal's pool and H2's MVStore raise their own types when the
            // database cannot be reached or written (a full disk shows as one of these or an SQLException).
            if (type.startsWith("jakarta.transaction.") || type.startsWith("io.agroal.") || type.startsWith("org.h2.mvstore.")
                    || type.startsWith("com.arjuna.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes 22 (data exception: too long, wrong type) and 23 (a constraint said no):
     * the same statement with the same data fails again, whatever the store's health.
     */
    private static boolean isAboutTheData(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
    }
}
