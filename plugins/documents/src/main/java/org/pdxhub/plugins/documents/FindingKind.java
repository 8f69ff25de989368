package org.pdxhub.plugins.documents;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the scanner looks for. Identifier kinds carry the name of the {@link org.pdxhub.plugin.IdentifierCheck}
 * that decides whether a candidate is real; declaration order is precedence when two kinds claim
 * the same characters (a bank-card number that is also a valid citizen ID is an ID).
 */
public enum FindingKind {
    /** 公民身份号码 */
    CITIZEN_ID("citizen-id", "citizen-id"),
    /** 统一社会信用代码 */
    USCC("uscc", "uscc"),
    /** 银行卡号 */
    BANK_CARD("bank-card", "bank-card"),
    /** 手机号码 */
    MOBILE("mobile", "mobile"),
    /** 固定电话 */
    PHONE("phone", "phone"),
    /** 电子邮箱 */
    EMAIL("email", "email"),
    /** 护照号码 (ordinary passports of the PRC); found only where the node registers the check */
    PASSPORT_CN("passport-cn", "passport-cn", false),
    /** 往来港澳通行证号码; found only where the node registers the check */
    PERMIT_HK_MACAO("permit-hk-macao", "permit-hk-macao", false),
    /** 机动车号牌 */
    LICENCE_PLATE("licence-plate", null),
    /** 姓名: Han, Tibetan and Yi names with or without a label, and author fields of the metadata */
    PERSON_NAME("person-name", null),
    /** 住址 down to the road and number, or the village */
    ADDRESS("address", null),
    /** 单位: a government office, a hospital, a school; found and reported, kept by default (not a person) */
    ORGANISATION("organisation", null);

    private final String key;
    private final String checkKind;
    private final boolean checkRequired;

    FindingKind(String key, String checkKind) {
        this(key, checkKind, true);
    }

    FindingKind(String key, String checkKind, boolean checkRequired) {
        this.key = key;
        this.checkKind = checkKind;
        this.checkRequired = checkRequired;
    }

    /** Whether a finder cannot be built without the check; otherwise the kind is not looked for. */
    boolean checkRequired() {
        return checkRequired;
    }

    /** The name used in policies and reports; for identifiers, the same as the check's kind. */
    public String key() {
        return key;
    }

    /** The {@link org.pdxhub.plugin.IdentifierCheck#kind()} that validates candidates, or null. */
    public String checkKind() {
        return checkKind;
    }

    /** @throws IllegalArgumentException naming the known keys */
    public static FindingKind byKey(String key) {
        for (FindingKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + key + "' is not a kind of personal data the scanner finds; known: "
                + Arrays.stream(values()).map(FindingKind::key).collect(Collectors.joining(", ")));
    }
}
