package org.pdxhub.hub.organisation;

import org.pdxhub.hub.node.NodeLevel;

/**
 * An organisation that provides or uses public data, keyed by its unified social credit code
 * (统一社会信用代码, art. 10).
 *
 * @param chiefDataOfficer 首席数据官 (art. 7)
 * @param dataSpecialist   数据专员 (art. 7): the person who answers the organisation's requests
 */
public record Organisation(String uscc, String name, OrganisationKind kind, NodeLevel level, String regionCode,
                           String parentUscc, String chiefDataOfficer, String dataSpecialist) {
}
