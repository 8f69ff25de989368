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
    /** 姓名 after a label such as 姓名： or 联系人：, and author fields of the metadata */
    PERSON_NAME("person-name", null);

    private final String key;
    private final String checkKind;

    FindingKind(String key, String checkKind) {
        this.key = key;
        this.checkKind = checkKind;
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
