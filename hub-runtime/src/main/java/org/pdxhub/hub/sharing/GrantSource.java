package org.pdxhub.hub.sharing;

/** What a grant came from. */
public enum GrantSource {
    /** 共享申请 (art. 18). */
    SHARE_REQUEST,
    /** 开放申请 for conditional open data (art. 26). */
    OPEN_APPLICATION,
    /** 应急调用 (art. 38): time-limited; data obtained is deleted or sealed at its end. */
    EMERGENCY,
    /** Provisioned by the node's configuration (demo and tests). */
    SEED,
    /** 核验申请: authorises verification of held values only, never a read of them. */
    VERIFICATION_REQUEST,
    /** 统计申请: authorises noisy counts and sums under the grant's own privacy budget, never a read. */
    STATISTICS_REQUEST
}
