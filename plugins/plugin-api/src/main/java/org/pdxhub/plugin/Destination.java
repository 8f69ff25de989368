package org.pdxhub.plugin;

/** Where a message is going, which decides the masking profile applied to it. */
public enum Destination {
    /** 汇聚, art. 11: up from a department to the platform. */
    AGGREGATION,
    /** 共享, art. 18-19: to a grant holder. */
    SHARE,
    /** 开放, art. 25-26: to the public. */
    OPEN,
    /** 返还, art. 20: down to a lower level. */
    RETURN
}
