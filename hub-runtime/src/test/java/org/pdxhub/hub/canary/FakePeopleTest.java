package org.pdxhub.hub.canary;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A canary must pass for real: every check a receiver could run on it holds. */
class FakePeopleTest {

    @Test
    void aFakePersonHasAValidGanziIdWhoseBirthDateAndCountyAgreeWithTheRest() {
        FakePeople people = new FakePeople();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 2_000; i++) {
            FakePeople.Person p = people.next(random);
            String id = p.citizenId();
            assertTrue(id.matches("5133\\d{13}[0-9X]"), id);
            assertEquals(FakePeople.checkCharacter(id.substring(0, 17)), id.charAt(17), id);
            assertEquals(p.birthDate(), LocalDate.parse(id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14)));
            assertTrue(p.address().startsWith("四川省甘孜藏族自治州") && (p.address().contains("县") || p.address().contains("康定市")), p.address());
            assertTrue(p.mobile().matches("1[3-9]\\d{9}"), p.mobile());
            assertTrue(p.name().length() >= 2, p.name());
        }
    }

    @Test
    void theCheckCharacterIsGb11643() {
        assertEquals('5', FakePeople.checkCharacter("51330119850412002"));
        assertEquals('X', FakePeople.checkCharacter("11010519491231002"));
    }
}
