package org.pdxhub.hub.sharing;

/** The requests a node takes in, each answered within its deadline in working days. */
public enum RequestKind {
    /** 共享申请, art. 18: a department asks for a catalog resource. */
    SHARE,
    /** 需求申请, art. 21: a department asks for data not yet in the catalog. */
    DEMAND,
    /** 开放申请, art. 26: an applicant asks for conditionally open data. */
    OPEN_APPLICATION,
    /** Art. 27: the public asks for data not yet open. */
    PUBLIC_DEMAND,
    /**
     * 核验申请 (art. 18, 36): a department asks to have values it holds checked against a resource,
     * answered match or mismatch, never with a value; the share request's workflow and deadlines.
     */
    VERIFICATION,
    /**
     * 统计申请 (art. 18, 36): a department asks for counts and sums of a resource under a privacy
     * budget of its own, never its records; the share request's workflow and deadlines.
     */
    STATISTICS
}
