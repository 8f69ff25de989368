package org.pdxhub.plugins.documents;

import org.junit.jupiter.api.Test;
import org.pdxhub.plugin.IdentifierFinder;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The finder the gate runs on the text fields of records, tried with IDs written as people write them. */
class TextIdentifierFinderTest {

    private final TextIdentifierFinder finder = new TextIdentifierFinder(TestPlugins.CHECKS);

    private List<String> found(String text) {
        return finder.find(text).stream().map(f -> f.kind() + "=" + f.normalised()).toList();
    }

    @Test
    void anIdWrittenInGroupsWithSpacesOrDashesIsFoundAsTheIdItIs() {
        assertEquals(List.of("citizen-id=513323199310112353"), found("四川省甘孜州泸定县 513323 19931011 2353 号"));
        assertEquals(List.of("citizen-id=513323196204157781"), found("备注：513323-19620415-7781"));
        assertEquals(List.of("citizen-id=513323199310112353"), found("5133 2319 9310 1123 53"));
        assertEquals(List.of("citizen-id=513323199310112353"), found("身份证513323199310112353"));
    }

    @Test
    void anOldFifteenDigitIdIsFoundAsTheEighteenDigitIdItBecame() {
        assertEquals(List.of("citizen-id=" + Planted.CITIZEN_ID), found("旧证 513301870512001"));
    }

    @Test
    void mobilesCardsAndEmailsInsideARemarkAreFoundWithTheirKind() {
        assertEquals(List.of("mobile=13800138000", "bank-card=" + Planted.BANK_CARD, "email=" + Planted.EMAIL),
                found("联系 138 0013 8000，卡 " + Planted.BANK_CARD_GROUPED + "，邮箱 " + Planted.EMAIL));
    }

    @Test
    void aNameWithoutLabelAndAStreetAddressInARemarkAreFoundAndTheOfficeIsNot() {
        assertEquals(List.of("person-name=卓玛", "address=康定市炉城镇光明路12号"),
                found("卓玛现住康定市炉城镇光明路12号，已报康定市民政局"));
    }

    @Test
    void textWithoutDigitsAtSignOrLabelIsAnsweredEmpty() {
        assertEquals(List.of(), found("四川省甘孜藏族自治州康定市炉城镇光明路"));
        assertEquals(List.of(), found("编号 " + Planted.RANDOM_18_DIGITS + " 与 " + Planted.CITIZEN_ID_WRONG_CHECK));
    }

    @Test
    void aLongRunOfDigitsAndSeparatorsIsScannedInLinearTime() {
        // Region 99 does not exist: every start is a candidate the pattern must give up on quickly.
        String hostile = "9 ".repeat(50_000) + "9-".repeat(50_000) + "9".repeat(100_000);
        List<IdentifierFinder.Found> found = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> finder.find(hostile));
        assertEquals(0, found.size());
    }

    @Test
    void aShortValueHeldToHoldNothingIsRememberedButAPersonalOneIsFoundEveryTimeItComes() {
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(), found("藏族"), "round " + i);
            assertEquals(List.of("person-name=卓玛"), found("卓玛"), "round " + i);
            assertEquals(List.of("person-name=格桑拉姆"), found("格桑拉姆"), "round " + i);
            assertEquals(List.of("address=理塘县高城镇团结路8号"), found("理塘县高城镇团结路8号"), "round " + i);
        }
    }

    @Test
    void recordFieldsLeaveOrganisationsOutButStillTellAnOfficesAddressFromAPersons() {
        assertEquals(List.of(), found("康定市公安局炉城派出所"));
        assertEquals(List.of("person-name=泽仁"), found("经办：泽仁，康定市炉城镇人民政府"));
    }
}
