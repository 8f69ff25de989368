package org.pdxhub.hub.catalog;

/**
 * What a raise of the share or open type rests on. A move from "not shared" or "not open" rests
 * on de-identification (匿名化、去标识化) or the right holders' consent (权利人同意) (art. 16, 24); a
 * raise from CONDITIONAL may also rest on a law or rule that now allows it (LEGAL_BASIS).
 */
public enum UpgradeGround {
    DE_IDENTIFICATION, CONSENT, LEGAL_BASIS
}
