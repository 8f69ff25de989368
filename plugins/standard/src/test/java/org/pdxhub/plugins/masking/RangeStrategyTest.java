package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pdxhub.plugin.FieldMasker;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pdxhub.plugins.masking.TestKeys.compile;

class RangeStrategyTest {

    private final RangeStrategy range = new RangeStrategy();
    private final FieldMasker thousands = compile(range, "range(1000)");

    @Test
    void putsANumberInTheBucketOfTheGivenWidth() {
        assertEquals("2000-2999", thousands.mask(2345.6));
    }

    @ParameterizedTest
    @CsvSource({"1999, 1000-1999", "2000, 2000-2999", "0, 0-999", "-1, -1000--1", "2345, 2000-2999"})
    void bucketsIncludeTheirLowerBound(String value, String bucket) {
        assertEquals(bucket, thousands.mask(value));
    }

    @Test
    void readsEveryKindOfNumber() {
        assertEquals("2000-2999", thousands.mask(2345));
        assertEquals("2000-2999", thousands.mask(2345L));
        assertEquals("2000-2999", thousands.mask(new BigDecimal("2345.60")));
        assertEquals("9007199254740000-9007199254740999", thousands.mask(9007199254740993L));
    }

    @Test
    void suppressesWhatIsNotANumber() {
        assertNull(thousands.mask("about 2000"));
        assertNull(thousands.mask(true));
        assertNull(thousands.mask(Double.NaN));
        assertNull(thousands.mask("1E+999999999"));
        assertNull(thousands.mask(null));
    }

    @Test
    void rejectsAWidthBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(range, "range(0)"));
        assertEquals("range(width): 'width' must be a whole number from 1 to 1000000000000000, not '0'", e.getMessage());
    }

    @Test
    void rejectsARuleWithoutWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(range, "range"));
        assertEquals("range(width) takes 1 argument, not 0", e.getMessage());
    }
}
