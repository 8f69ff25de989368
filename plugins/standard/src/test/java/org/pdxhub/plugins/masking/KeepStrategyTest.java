package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.plugins.masking.TestKeys.compile;

class KeepStrategyTest {

    private final KeepStrategy keep = new KeepStrategy();

    @Test
    void keepsTheFirstThreeAndLastFourOfAMobileNumber() {
        assertEquals("138****8000", compile(keep, "keep(3,4)").mask("13800138000"));
    }

    @ParameterizedTest
    @CsvSource({"张三, 张*", "欧阳娜娜, 欧***", "扎西多吉, 扎***"})
    void keepsOnlyTheFirstCharacterOfAName(String name, String masked) {
        assertEquals(masked, compile(keep, "keep(1,0)").mask(name));
    }

    @Test
    void countsACharacterOutsideTheBasicPlaneAsOne() {
        assertEquals("𠀀*𠀂", compile(keep, "keep(1,1)").mask("𠀀𠀁𠀂"));
    }

    @Test
    void masksAValueNoLongerThanWhatItKeepsWholeButKeepsItsLength() {
        assertEquals("*******", compile(keep, "keep(3,4)").mask("1380013"));
        assertEquals("*", compile(keep, "keep(1,0)").mask("张"));
    }

    @Test
    void usesTheGivenMaskCharacter() {
        assertEquals("###########", compile(keep, "keep(0,0,#)").mask("13800138000"));
        assertEquals("张××", compile(keep, "keep(1,0,×)").mask("张三丰"));
    }

    @Test
    void masksANumberAsItsDigits() {
        assertEquals("***45", compile(keep, "keep(0,2)").mask(12345));
    }

    @Test
    void leavesNullNull() {
        assertNull(compile(keep, "keep(3,4)").mask(null));
    }

    @Test
    void rejectsANegativeCountNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(keep, "keep(-1,4)"));
        assertEquals("keep(first,last[,maskChar]): 'first' must be a whole number from 0 to 1000, not '-1'",
                e.getMessage());
    }

    @Test
    void rejectsALastThatIsNotANumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(keep, "keep(3,four)"));
        assertTrue(e.getMessage().contains("'last' must be a whole number"), e.getMessage());
    }

    @Test
    void rejectsAMaskOfMoreThanOneCharacter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(keep, "keep(3,4,**)"));
        assertEquals("keep(first,last[,maskChar]): 'maskChar' must be a single character, not '**'", e.getMessage());
    }

    @Test
    void rejectsAMissingCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(keep, "keep(3)"));
        assertEquals("keep(first,last[,maskChar]) takes 2 to 3 arguments, not 1", e.getMessage());
    }
}
