package org.pdxhub.hub.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One thing waiting for a reviewer: a submitted resource (NEW), a proposed change (CHANGE) or a
 * retirement the provider asked for (RETIREMENT).
 *
 * @param downgrade the change restricts sharing or opening (art. 16, 24)
 * @param openRaise the change opens the resource further: approving it needs a security and secrecy review (art. 25)
 * @param needs     what approving needs beyond the decision: the security and secrecy review (an open raise, a new
 *                  resource declared open), the agency's statement on a second collection or on a purchase (art. 9)
 */
public record ReviewItem(String code, String name, String provider, Kind kind, Long changeId, boolean downgrade, boolean openRaise,
                         Instant since, String by, String note, List<RepeatCollection> repeatCollection,
                         List<AgencyApprovals.Need> needs) {

    public enum Kind { NEW, CHANGE, RETIREMENT }
}
