package org.pdxhub.hub.catalog;

/**
 * What a move from "not shared" or "not open" rests on (art. 16, 24): the data has been
 * anonymised or de-identified (匿名化、去标识化), or the right holders consented (权利人同意).
 */
public enum UpgradeGround {
    DE_IDENTIFICATION, CONSENT
}
