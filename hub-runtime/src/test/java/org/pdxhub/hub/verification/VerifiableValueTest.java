package org.pdxhub.hub.verification;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** One value typed two ways is one text to digest; two values never are. */
class VerifiableValueTest {

    @Test
    void fullWidthDigitsSpacesAndALowerCaseCheckCharacterAreTheSameValue() {
        assertEquals(VerifiableValue.normalise("51332919880808009X"), VerifiableValue.normalise("５１３３２９１９８８０８０８００９ｘ"));
        assertEquals(VerifiableValue.normalise("51332919880808009X"), VerifiableValue.normalise(" 51332919880808009x\u3000"));
        assertEquals(VerifiableValue.normalise("卓玛"), VerifiableValue.normalise("\u3000卓玛 "));
        assertEquals(VerifiableValue.normalise(new BigDecimal("12.50")), VerifiableValue.normalise(12.5));
    }

    @Test
    void differentValuesStayDifferent() {
        assertNotEquals(VerifiableValue.normalise("卓玛"), VerifiableValue.normalise("卓嘎"));
        assertNotEquals(VerifiableValue.normalise("1988-08-08"), VerifiableValue.normalise("1988-08-09"));
    }
}
