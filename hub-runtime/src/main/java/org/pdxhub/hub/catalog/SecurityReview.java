package org.pdxhub.hub.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The security and secrecy review (安全保密审查, art. 25) that the agency's reviewer fills in when
 * approving a change that opens a resource further. Each item is required.
 *
 * @param deIdentificationMethod       how the data is de-identified before it is opened (脱敏处理)
 * @param consentOrLegalBasis          where the right holders' consent is recorded, or the law that allows opening
 * @param secrecyClassificationChecked the secrecy classification checked, and its outcome (e.g. 不涉及国家秘密, per which list)
 */
public record SecurityReview(String deIdentificationMethod, String consentOrLegalBasis, String secrecyClassificationChecked) {

    /** The items missing or too short to say anything, by field path, in order. */
    List<String> missing(int minLength) {
        List<String> missing = new ArrayList<>();
        if (tooShort(deIdentificationMethod, minLength)) {
            missing.add("securityReview.deIdentificationMethod");
        }
        if (tooShort(consentOrLegalBasis, minLength)) {
            missing.add("securityReview.consentOrLegalBasis");
        }
        if (tooShort(secrecyClassificationChecked, minLength)) {
            missing.add("securityReview.secrecyClassificationChecked");
        }
        return missing;
    }

    SecurityReview cleaned() {
        return new SecurityReview(CatalogRules.clean(deIdentificationMethod), CatalogRules.clean(consentOrLegalBasis),
                CatalogRules.clean(secrecyClassificationChecked));
    }

    static boolean tooShort(String text, int minLength) {
        String t = CatalogRules.clean(text);
        return t == null || t.codePointCount(0, t.length()) < minLength;
    }
}
