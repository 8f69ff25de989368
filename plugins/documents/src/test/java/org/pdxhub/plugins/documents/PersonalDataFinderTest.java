package org.pdxhub.plugins.documents;

import org.junit.jupiter.api.Test;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugins.identifiers.BankCardCheck;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.plugins.documents.Planted.*;

class PersonalDataFinderTest {

    private final PersonalDataFinder finder = new PersonalDataFinder(TestPlugins.CHECKS);

    private List<String> found(String text) {
        return found(text, false);
    }

    private List<String> found(String text, boolean fifteenDigitIds) {
        return finder.find(text, fifteenDigitIds).stream()
                .map(m -> m.kind().key() + "=" + text.substring(m.start(), m.end())).toList();
    }

    @Test
    void anIdIsFoundOnlyWhenRegionDateAndCheckCharacterAreRight() {
        assertEquals(List.of("citizen-id=" + CITIZEN_ID), found("证件号码" + CITIZEN_ID + "。"));
        assertEquals(List.of(), found("证件号码" + CITIZEN_ID_WRONG_CHECK + "。"));
        assertEquals(List.of(), found("编号 " + RANDOM_18_DIGITS));
        assertEquals(List.of("citizen-id=" + CITIZEN_ID_X.toLowerCase()), found("id " + CITIZEN_ID_X.toLowerCase()));
    }

    @Test
    void digitsInsideALongerNumberOrCodeAreNotTakenForAnything() {
        assertEquals(List.of(), found("9" + CITIZEN_ID + "1"));
        assertEquals(List.of(), found("ABC" + CITIZEN_ID));
        assertEquals(List.of(), found("0" + MOBILE));
    }

    @Test
    void aBankCardNumberThatIsAlsoAValidIdIsAnId() {
        String both = null;
        for (int sequence = 0; sequence < 1000 && both == null; sequence++) {
            String id = citizenId("51330119870512" + String.format("%03d", sequence));
            if (new BankCardCheck().isValid(id)) {
                both = id;
            }
        }
        assertEquals(List.of("citizen-id=" + both), found("号码：" + both));
    }

    @Test
    void aCardIsFoundWrittenInGroupsOfFourWithSpacesOrDashes() {
        String dashed = BANK_CARD.replaceAll("(\\d{4})(?=\\d)", "$1-");
        assertEquals(List.of("bank-card=" + BANK_CARD_GROUPED), found("卡号：" + BANK_CARD_GROUPED + "。"));
        assertEquals(List.of("bank-card=" + dashed), found("卡号：" + dashed));
        String nineteen = BANK_CARD_19.replaceAll("(\\d{4})(?=\\d)", "$1 ");
        assertEquals(List.of("bank-card=" + nineteen), found("卡号 " + nineteen + " 已核"));
    }

    @Test
    void numbersAfterAGroupedCardAreNotMadePartOfIt() {
        assertEquals(List.of("bank-card=" + BANK_CARD_GROUPED), found("卡号 " + BANK_CARD_GROUPED + " 12 张"));
    }

    @Test
    void aSixteenDigitNumberFailingLuhnIsNotACard() {
        assertEquals(List.of(), found("流水号 " + BANK_CARD_FAILING_LUHN));
    }

    @Test
    void mobilesAreFoundAsPeopleWriteThem() {
        assertEquals(List.of("mobile=" + MOBILE_WRITTEN, "mobile=138 0013 8000", "mobile=8613800138000"),
                found("电话" + MOBILE_WRITTEN + "或138 0013 8000或8613800138000"));
        assertEquals(List.of(), found("号码 " + NOT_A_MOBILE));
    }

    @Test
    void landlinesAreFoundWithTheirAreaCode() {
        assertEquals(List.of("phone=" + PHONE, "phone=（028）86123456", "phone=02812345678"),
                found("电话：" + PHONE + "，（028）86123456，02812345678"));
    }

    @Test
    void emailsAreFoundBetweenChineseTextAndPunctuation() {
        assertEquals(List.of("email=" + EMAIL), found("邮箱：" + EMAIL + "。"));
        assertEquals(List.of(), found("账号 " + NOT_AN_EMAIL + " 和 @ 符号"));
    }

    @Test
    void usccsAreFoundByTheirCheckCharacter() {
        assertEquals(List.of("uscc=" + USCC), found("代码：" + USCC + "；旧：" + USCC_WRONG_CHECK));
    }

    @Test
    void namesAreFoundAfterTheirLabelsAndStopBeforeTheNextLabel() {
        assertEquals(List.of("person-name=扎西多吉"), found("姓名：扎西多吉"));
        assertEquals(List.of("person-name=张三"), found("姓名:张三性别:男"));
        assertEquals(List.of("person-name=李四"), found("姓  名： 李四\n"));
        assertEquals(List.of("person-name=次仁·多吉"), found("法定代表人：次仁·多吉，"));
        assertEquals(List.of("person-name=བཀྲ་ཤིས"), found("申请人：བཀྲ་ཤིས་ 2025"));
    }

    @Test
    void namesAreFoundWithoutALabelTooHanTibetanAndYi() {
        assertEquals(List.of("person-name=张三"), found("张三来了"));
        assertEquals(List.of("person-name=卓玛"), found("卓玛来了"));
        assertEquals(List.of("person-name=格桑拉姆"), found("泽仁与格桑拉姆是邻居").subList(1, 2));
        assertEquals(List.of("person-name=阿苦日哈"), found("阿苦日哈在九龙县放牧"));
        assertEquals(List.of(), found("扎西德勒！草原上开满了格桑花。"), "the greeting and the flower are not names");
    }

    @Test
    void addressesAreFoundDownToTheRoadAndNumberAndPlacesAloneAreNot() {
        assertEquals(List.of("address=四川省甘孜藏族自治州康定市炉城镇光明路12号"),
                found("住址：四川省甘孜藏族自治州康定市炉城镇光明路12号，"));
        assertEquals(List.of("address=理塘县高城镇团结路8号3栋2单元402室"), found("现住理塘县高城镇团结路8号3栋2单元402室。"));
        assertEquals(List.of("address=新龙县茹龙镇日头村3组"), found("新龙县茹龙镇日头村3组"));
        assertEquals(List.of(), found("今天我们去色达县看看，康定市、泸定县也去。"));
    }

    @Test
    void platesPassportsAndPermitsAreFound() {
        assertEquals(List.of("licence-plate=川V·12345", "licence-plate=川VD12345"), found("车辆川V·12345与川VD12345"));
        assertEquals(List.of("passport-cn=E12345678", "permit-hk-macao=H12345678"), found("护照E12345678，通行证H12345678"));
    }

    @Test
    void anIdBrokenAcrossTwoLinesOrWithTypographicDashesIsFound() {
        assertEquals(List.of("citizen-id=" + CITIZEN_ID.substring(0, 10) + "\n" + CITIZEN_ID.substring(10)),
                found("身份证号：" + CITIZEN_ID.substring(0, 10) + "\n" + CITIZEN_ID.substring(10)));
        assertEquals(List.of("citizen-id=513323—19620415—7781"), found("备注：513323—19620415—7781"));
    }

    @Test
    void fullWidthDigitsAreReadAsDigits() {
        String fullWidth = CITIZEN_ID.chars().mapToObj(c -> String.valueOf((char) (c + 0xFEE0))).reduce("", String::concat);
        assertEquals(List.of("citizen-id=" + fullWidth), found("身份证号：" + fullWidth));
    }

    @Test
    void oldFifteenDigitIdsAreFoundOnlyWhenThePolicyAsks() {
        String old = CITIZEN_ID.substring(0, 6) + CITIZEN_ID.substring(8, 17);
        assertEquals(List.of(), found("旧身份证 " + old));
        assertEquals(List.of("citizen-id=" + old), found("旧身份证 " + old, true));
        PersonalDataFinder.Match match = finder.find(old, true).get(0);
        assertEquals(CITIZEN_ID, match.normalised(), "pseudonymised as the 18-digit ID it became");
    }

    @Test
    void aLongRunOfDigitsAndLettersIsScannedInLinearTime() {
        String hostile = "1".repeat(500_000) + "a".repeat(500_000) + "@".repeat(10_000);
        long started = System.nanoTime();
        assertEquals(List.of(), found(hostile));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 3_000, millis + " ms");
    }

    @Test
    void aMissingCheckIsNamedWhenTheScannerIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PersonalDataFinder(
                new Registry<>("identifier check", List.of(new CitizenIdCheck()), IdentifierCheck::kind)));
        assertTrue(e.getMessage().contains("'uscc'"), e.getMessage());
    }
}
