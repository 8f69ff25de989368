package org.pdxhub.plugins.identifiers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Art. 10: the secondary identity documents (其他个人身份证件) as item kinds, each with its check. */
class IdentityDocumentChecksTest {

    private final IdentifierCheck chinesePassport = new ChinesePassportCheck();
    private final IdentifierCheck passport = new PassportCheck();
    private final IdentifierCheck hongKongMacao = new HongKongMacaoPermitCheck();
    private final IdentifierCheck taiwan = new TaiwanPermitCheck();

    @ParameterizedTest
    @ValueSource(strings = {"E12345678", "EA1234567", "EH0000001", "G12345678"})
    void chinesePassportsOfTheOrdinarySeriesAreAccepted(String number) {
        assertEquals(Optional.empty(), chinesePassport.problem(number), number);
    }

    @Test
    void chinesePassportsOfAnotherShapeAreRefusedWithTheReason() {
        assertEquals(Optional.of("must be 9 characters: E or G, then 8 digits (or E, a letter and 7 digits)"),
                chinesePassport.problem("E1234567"));
        assertEquals(Optional.of("must start with E or G (uppercase), the series of ordinary passports"), chinesePassport.problem("K12345678"));
        assertEquals(Optional.of("must start with E or G (uppercase), the series of ordinary passports"), chinesePassport.problem("e12345678"));
        assertEquals(Optional.of("after E comes a digit or an uppercase letter other than I and O"), chinesePassport.problem("EI1234567"));
        assertEquals(Optional.of("after E comes a digit or an uppercase letter other than I and O"), chinesePassport.problem("EO1234567"));
        assertEquals(Optional.of("after G come 8 digits"), chinesePassport.problem("GA1234567"));
        assertEquals(Optional.of("the last 7 characters must be digits"), chinesePassport.problem("E1234567X"));
        assertFalse(chinesePassport.isValid(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"L898902C3", "C01X00T47", "123456789", "X12345", "AB12345"})
    void aForeignPassportHasTheShapeOfAnIcaoDocumentNumber(String number) {
        assertTrue(passport.isValid(number), number);
    }

    @Test
    void aForeignPassportOfAnotherShapeIsRefused() {
        assertEquals(Optional.of("must be 5 to 9 characters (ICAO 9303 document number)"), passport.problem("A123"));
        assertEquals(Optional.of("must be 5 to 9 characters (ICAO 9303 document number)"), passport.problem("A1234567890"));
        assertEquals(Optional.of("may hold only uppercase letters A-Z and digits, without spaces"), passport.problem("l898902c3"));
        assertEquals(Optional.of("may hold only uppercase letters A-Z and digits, without spaces"), passport.problem("L8989 02C"));
        assertEquals(Optional.of("must hold at least one digit"), passport.problem("ABCDEFGH"));
        assertFalse(passport.isValid(null));
    }

    @Test
    void aMainlandTravelPermitOfHongKongOrMacaoResidentsIsHOrMAndEightOrTenDigits() {
        for (String ok : List.of("H12345678", "M87654321", "H1234567801")) {
            assertTrue(hongKongMacao.isValid(ok), ok);
        }
        assertEquals(Optional.of("must be H or M, then 8 digits (or 10 for the earlier booklet)"), hongKongMacao.problem("H1234567"));
        assertEquals(Optional.of("must be H or M, then 8 digits (or 10 for the earlier booklet)"), hongKongMacao.problem("H123456789"));
        assertEquals(Optional.of("must start with H (Hong Kong) or M (Macao), uppercase"), hongKongMacao.problem("T12345678"));
        assertEquals(Optional.of("must start with H (Hong Kong) or M (Macao), uppercase"), hongKongMacao.problem("h12345678"));
        assertEquals(Optional.of("after H or M come only digits"), hongKongMacao.problem("H1234567A"));
    }

    @Test
    void aMainlandTravelPermitOfTaiwanResidentsIsEightDigits() {
        assertTrue(taiwan.isValid("01234567"));
        assertEquals(Optional.of("must be 8 digits"), taiwan.problem("1234567"));
        assertEquals(Optional.of("must be 8 digits"), taiwan.problem("0123456789"));
        assertEquals(Optional.of("may hold only digits"), taiwan.problem("0123456A"));
        assertFalse(taiwan.isValid(null));
    }

    @Test
    void reasonsNeverRepeatTheNumber() {
        for (var c : List.of(chinesePassport, passport, hongKongMacao, taiwan)) {
            for (String bad : List.of("E1234567X", "l898902c3", "T12345678", "0123456A", "K12345678")) {
                c.problem(bad).ifPresent(reason -> assertFalse(reason.contains(bad), c.kind() + ": " + reason));
            }
        }
    }
}
