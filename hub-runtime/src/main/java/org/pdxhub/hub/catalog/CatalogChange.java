package org.pdxhub.hub.catalog;

import java.time.Instant;

/**
 * A change proposed to a published resource, or a request to retire it. A downgrade of its
 * share or open type (art. 16, 24) or a retirement asked by the provider waits for a reviewer;
 * other changes apply at once as the next version.
 *
 * @param downgrade       the change restricts sharing or opening, so it waits for review
 * @param upgradeGround   for a move up from NONE: de-identification or consent
 * @param upgradeEvidence what was done: the de-identification applied, or where the consent is recorded
 * @param proposed        the definition proposed (null for a retirement)
 */
public record CatalogChange(long id, String code, Kind kind, Status status, int fromVersion, Integer toVersion,
                            boolean downgrade, String reason, UpgradeGround upgradeGround, String upgradeEvidence,
                            Instant proposedAt, String proposedBy, Instant decidedAt, String decidedBy,
                            String decisionNote, ResourceDraft proposed) {

    public enum Kind { CHANGE, RETIREMENT }

    public enum Status { PENDING, APPLIED, RETURNED }
}
