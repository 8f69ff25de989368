package org.pdxhub.hub.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One thing waiting for a reviewer: a submitted resource (NEW), a proposed change (CHANGE) or a
 * retirement the provider asked for (RETIREMENT).
 *
 * @param downgrade the change restricts sharing or opening (art. 16, 24)
 * @param openRaise the change opens the resource further: approving it needs a security and secrecy review (art. 25)
 */
public record ReviewItem(String code, String name, String provider, Kind kind, Long changeId, boolean downgrade, boolean openRaise,
                         Instant since, String by, String note, List<RepeatCollection> repeatCollection) {

    public enum Kind { NEW, CHANGE, RETIREMENT }
}
