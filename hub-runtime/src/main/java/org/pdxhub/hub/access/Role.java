package org.pdxhub.hub.access;

/** What a key may do. Names are the role strings of {@code @RolesAllowed}. */
public enum Role {
    /** Platform operator: organisations, keys, node configuration. */
    ADMIN,
    /** Reviewer at the data agency (公共数据管理机构): reviews catalog entries, requests, disputes. */
    REVIEWER,
    /** Data specialist (数据专员, art. 7) of a department: catalogs, answers requests. */
    SPECIALIST,
    /** A department system or another node: exchanges data. */
    SYSTEM;

    public static final String ADMIN_ = "ADMIN";
    public static final String REVIEWER_ = "REVIEWER";
    public static final String SPECIALIST_ = "SPECIALIST";
    public static final String SYSTEM_ = "SYSTEM";
}
