package org.pdxhub.hub.gate;

import org.junit.jupiter.api.Test;
import org.pdxhub.plugin.DataType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A date item's value as the gate takes it: the usual {@code yyyy-MM-dd} is read without the
 * formatter, and must accept and refuse exactly what the formatter does.
 */
class DateCoercionTest {

    @Test
    void aDateThatExistsIsKeptAsWritten() {
        assertEquals("1985-04-12", RecordValidation.coerce(DataType.DATE, "1985-04-12"));
        assertEquals("2024-02-29", RecordValidation.coerce(DataType.DATE, "2024-02-29"), "a leap day of a leap year");
        assertEquals("2000-02-29", RecordValidation.coerce(DataType.DATE, "2000-02-29"));
        assertEquals("0001-01-01", RecordValidation.coerce(DataType.DATE, "0001-01-01"));
        assertEquals("1985-04-12", RecordValidation.coerce(DataType.DATE, " 1985-04-12 "), "spaces around it are dropped");
    }

    @Test
    void aDayThatDoesNotExistIsRefused() {
        for (String bad : new String[] {"2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32"}) {
            assertNull(RecordValidation.coerce(DataType.DATE, bad), bad);
        }
    }

    @Test
    void whatIsNotADateIsRefused() {
        for (String bad : new String[] {"1985-4-12", "85-04-12", "1985/04/12", "19850412", "1985-04-1x", "1985-04-12T10:00:00",
                "１９８５-04-12", "", "1985-04-12-", "+1985-04-12x"}) {
            assertNull(RecordValidation.coerce(DataType.DATE, bad), bad);
        }
        assertNull(RecordValidation.coerce(DataType.DATE, 19850412), "a number is not a date");
    }

    @Test
    void otherSpellingsTheFormatterTakesStillGoThroughIt() {
        // Years past 9999 carry a sign in ISO 8601; the fast path leaves them to the formatter.
        assertEquals("+10000-01-01", RecordValidation.coerce(DataType.DATE, "+10000-01-01"));
    }
}
