package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pdxhub.plugins.masking.TestKeys.compile;

class SuppressStrategyTest {

    private final SuppressStrategy suppress = new SuppressStrategy();

    @Test
    void removesEveryValue() {
        assertNull(compile(suppress, "suppress").mask("11010519491231002X"));
        assertNull(compile(suppress, "suppress").mask(42));
    }

    @Test
    void takesNoArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(suppress, "suppress(all)"));
        assertEquals("suppress takes no arguments, not 1", e.getMessage());
    }
}
