package org.pdxhub.hub.catalog;

import java.time.Instant;

/**
 * A change proposed to a published resource, or a request to retire it. Every change waits for
 * the agency's review before it is published (art. 8), except one confined to the fields the
 * agency declared editorial, which applies at once as the next version.
 *
 * @param downgrade       the change restricts sharing or opening (art. 16, 24)
 * @param editorial       the change touches only editorial fields (pdx.catalog.editorial-fields): it applied at once
 * @param openRaise       the change opens the resource further: its approval carries a security and secrecy review (art. 25)
 * @param upgradeGround   for a raise of the share or open type: de-identification, consent or a legal basis
 * @param upgradeEvidence what was done: the de-identification applied, where the consent is recorded, or the law
 * @param securityReview  the security and secrecy review the approving reviewer filled in (open raises only)
 * @param proposed        the definition proposed (null for a retirement)
 */
public record CatalogChange(long id, String code, Kind kind, Status status, int fromVersion, Integer toVersion,
                            boolean downgrade, boolean editorial, boolean openRaise, String reason,
                            UpgradeGround upgradeGround, String upgradeEvidence, Instant proposedAt, String proposedBy,
                            Instant decidedAt, String decidedBy, String decisionNote, SecurityReview securityReview,
                            ResourceDraft proposed) {

    public enum Kind { CHANGE, RETIREMENT }

    public enum Status { PENDING, APPLIED, RETURNED }

    CatalogChange withProposed(ResourceDraft draft) {
        return new CatalogChange(id, code, kind, status, fromVersion, toVersion, downgrade, editorial, openRaise, reason,
                upgradeGround, upgradeEvidence, proposedAt, proposedBy, decidedAt, decidedBy, decisionNote, securityReview, draft);
    }
}
