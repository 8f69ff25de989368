package org.pdxhub.plugins.documents;

import org.pdxhub.plugins.identifiers.BankCardCheck;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;
import org.pdxhub.plugins.identifiers.UsccCheck;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Identifiers planted in test documents: valid ones that must be found, and look-alikes that must
 * not be. Valid ones are computed (check characters, Luhn) and every one is checked here, so a
 * typo in a fixture fails loudly instead of making a test pass for the wrong reason.
 */
final class Planted {

    /** Born 1987-05-12 in Kangding (513301). */
    static final String CITIZEN_ID = citizenId("51330119870512001");
    /** Born 1992-11-03 in Luding (513322), with X as its check character. */
    static final String CITIZEN_ID_X = findIdEndingInX("51332219921103");
    static final String CITIZEN_ID_WRONG_CHECK = wrongCheck(citizenId("51330119650101002"));
    /** 18 digits starting like a UnionPay card, with no birth date in them and failing Luhn: a file number. */
    static final String RANDOM_18_DIGITS = "620123456789012345";
    static final String BANK_CARD = luhn("622202123456789");
    static final String BANK_CARD_GROUPED = BANK_CARD.replaceAll("(\\d{4})(?=\\d)", "$1 ");
    static final String BANK_CARD_19 = luhn("621700123456789012");
    static final String BANK_CARD_FAILING_LUHN = failLuhn(luhn("622848001234567"));
    static final String MOBILE = "13800138000";
    static final String MOBILE_WRITTEN = "+86 139-0836-1234";
    static final String NOT_A_MOBILE = "12345678901";
    static final String PHONE = "0836-2822222";
    static final String USCC = "11513300MB0000002H";
    static final String USCC_WRONG_CHECK = "11513300MB0000002A";
    static final String EMAIL = "zhaxi.duoji@ganzi.gov.cn";
    static final String NOT_AN_EMAIL = "admin@localhost";
    static final String NAME = "扎西多吉";
    static final String CONTACT = "张三";

    /** Every value that must be found, as written in the documents. */
    static final List<String> VALID = List.of(CITIZEN_ID, CITIZEN_ID_X, BANK_CARD, BANK_CARD_GROUPED, BANK_CARD_19,
            MOBILE, MOBILE_WRITTEN, PHONE, USCC, EMAIL, NAME, CONTACT);
    /** Look-alikes that must be left as they are. */
    static final List<String> INVALID = List.of(CITIZEN_ID_WRONG_CHECK, RANDOM_18_DIGITS, BANK_CARD_FAILING_LUHN,
            NOT_A_MOBILE, USCC_WRONG_CHECK, NOT_AN_EMAIL);

    static {
        CitizenIdCheck id = new CitizenIdCheck();
        BankCardCheck card = new BankCardCheck();
        UsccCheck uscc = new UsccCheck();
        assertTrue(id.isValid(CITIZEN_ID) && id.isValid(CITIZEN_ID_X) && CITIZEN_ID_X.endsWith("X"));
        assertFalse(id.isValid(CITIZEN_ID_WRONG_CHECK) || card.isValid(CITIZEN_ID_WRONG_CHECK));
        assertFalse(id.isValid(RANDOM_18_DIGITS) || card.isValid(RANDOM_18_DIGITS) || uscc.isValid(RANDOM_18_DIGITS));
        assertTrue(card.isValid(BANK_CARD) && card.isValid(BANK_CARD_19) && !card.isValid(BANK_CARD_FAILING_LUHN));
        assertTrue(uscc.isValid(USCC) && !uscc.isValid(USCC_WRONG_CHECK));
    }

    /**
     * The lines of an application form holding every planted value, Chinese labels included, as
     * a department would fill it in.
     */
    static List<String> formLines() {
        return List.of(
                "甘孜州政务服务申请表",
                "姓名：" + NAME + "  性别：男",
                "身份证号：" + CITIZEN_ID,
                "配偶身份证号：" + CITIZEN_ID_X,
                "原证件号（已作废）：" + CITIZEN_ID_WRONG_CHECK,
                "档案编号：" + RANDOM_18_DIGITS,
                "手机：" + MOBILE + "，备用：" + MOBILE_WRITTEN,
                "错误号码：" + NOT_A_MOBILE,
                "办公电话：" + PHONE,
                "收款银行卡：" + BANK_CARD_GROUPED,
                "工资卡：" + BANK_CARD_19,
                "交易流水号：" + BANK_CARD_FAILING_LUHN,
                "单位统一社会信用代码：" + USCC,
                "旧代码（有误）：" + USCC_WRONG_CHECK,
                "电子邮箱：" + EMAIL + "，测试账号：" + NOT_AN_EMAIL,
                "联系人：" + CONTACT);
    }

    /** The same without Chinese, for PDFs made with a font that has no CJK glyphs. */
    static List<String> asciiFormLines() {
        return List.of(
                "Ganzi prefecture application form",
                "Citizen ID: " + CITIZEN_ID,
                "Spouse ID: " + CITIZEN_ID_X,
                "Old ID (void): " + CITIZEN_ID_WRONG_CHECK,
                "File number: " + RANDOM_18_DIGITS,
                "Mobile: " + MOBILE + ", also " + MOBILE_WRITTEN,
                "Wrong number: " + NOT_A_MOBILE,
                "Office: " + PHONE,
                "Bank card: " + BANK_CARD_GROUPED,
                "Salary card: " + BANK_CARD_19,
                "Transaction: " + BANK_CARD_FAILING_LUHN,
                "USCC: " + USCC,
                "Old code: " + USCC_WRONG_CHECK,
                "Mail: " + EMAIL + ", test account " + NOT_AN_EMAIL);
    }

    static String citizenId(String first17) {
        return first17 + CitizenIdCheck.checkCharacter(first17);
    }

    private static String findIdEndingInX(String regionAndBirth) {
        for (int sequence = 1; sequence < 1000; sequence++) {
            String id = citizenId(regionAndBirth + String.format("%03d", sequence));
            if (id.endsWith("X")) {
                return id;
            }
        }
        throw new IllegalStateException("no sequence number gives X");
    }

    /** The ID with another check digit, one that does not pass Luhn either (else it would be a card). */
    private static String wrongCheck(String id) {
        for (char digit = '0'; digit <= '9'; digit++) {
            String wrong = id.substring(0, 17) + digit;
            if (digit != id.charAt(17) && !new BankCardCheck().isValid(wrong)) {
                return wrong;
            }
        }
        throw new IllegalStateException("every digit passes");
    }

    static String luhn(String withoutCheck) {
        for (char digit = '0'; digit <= '9'; digit++) {
            if (new BankCardCheck().isValid(withoutCheck + digit)) {
                return withoutCheck + digit;
            }
        }
        throw new IllegalStateException("no Luhn digit");
    }

    private static String failLuhn(String valid) {
        char last = valid.charAt(valid.length() - 1);
        return valid.substring(0, valid.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    private Planted() {
    }
}
