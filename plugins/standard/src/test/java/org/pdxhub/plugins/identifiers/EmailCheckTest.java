package org.pdxhub.plugins.identifiers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmailCheckTest {

    private final EmailCheck check = new EmailCheck();

    @ParameterizedTest
    @ValueSource(strings = {"zhang.san@example.cn", "data+open@gzz.gov.cn", "a_b-c@mail.sc.gov.cn", "x@y.co",
            "张三@例子.中国"})
    void acceptsOrdinaryAddresses(String address) {
        assertTrue(check.isValid(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang.san.example.cn", "a@b@example.cn", ""})
    void rejectsAnythingButOneAt(String address) {
        assertEquals(Optional.of("must be one address of the form name@example.cn, at most 254 characters"),
                check.problem(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@example.cn", ".zhang@example.cn", "zhang.@example.cn", "zhang..san@example.cn",
            "zhang san@example.cn", "\"zhang\"@example.cn"})
    void rejectsABadPartBeforeTheAt(String address) {
        assertTrue(check.problem(address).orElseThrow().startsWith("the part before @"), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang@example", "zhang@-example.cn", "zhang@example-.cn", "zhang@example..cn",
            "zhang@example.c", "zhang@example.c1", "zhang@[10.0.0.1]", "zhang@exa mple.cn"})
    void rejectsABadDomain(String address) {
        assertTrue(check.problem(address).orElseThrow().startsWith("the part after @"), address);
    }

    @Test
    void rejectsAddressesLongerThan254() {
        String label = "b".repeat(60) + ".";
        String address = "a@" + label.repeat(5) + "cn";
        assertEquals(Optional.of("must be one address of the form name@example.cn, at most 254 characters"),
                check.problem(address));
    }

    @Test
    void rejectsNull() {
        assertFalse(check.isValid(null));
    }
}
