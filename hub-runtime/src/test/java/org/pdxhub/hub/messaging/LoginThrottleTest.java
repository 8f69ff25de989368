package org.pdxhub.hub.messaging;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counting behind broker login lock-outs, with a clock the test moves. */
class LoginThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(limits(5, 12), new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void oneAddressTryingManyUsersIsLockedOutForEveryUser() {
        for (int user = 0; user < 11; user++) {
            assertTrue(throttle.failed("user-" + user, "10.0.0.9").isEmpty(), "one failure per user stays under both limits");
        }
        var lockout = throttle.failed("user-11", "10.0.0.9").orElseThrow();
        assertEquals(LoginThrottle.Scope.ADDRESS, lockout.scope());
        assertTrue(throttle.lockedUntil("someone-new", "10.0.0.9").isPresent(), "the whole address waits");
        assertFalse(throttle.lockedUntil("someone-new", "10.0.0.10").isPresent(), "another address does not");
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("slow", "10.0.0.1");
        }
        now.set(now.get().plusSeconds(61));
        assertTrue(throttle.failed("slow", "10.0.0.1").isEmpty(), "four failures a minute ago and one now are not five in a minute");
        assertFalse(throttle.lockedUntil("slow", "10.0.0.1").isPresent());
    }

    @Test
    void aSuccessForgetsThePairsFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("typo", "10.0.0.2");
        }
        throttle.succeeded("typo", "10.0.0.2");
        assertTrue(throttle.failed("typo", "10.0.0.2").isEmpty());
    }

    @Test
    void theLockOutEndsAfterItsTime() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("guesser", "10.0.0.3");
        }
        assertTrue(throttle.lockedUntil("guesser", "10.0.0.3").isPresent());
        now.set(now.get().plus(Duration.ofSeconds(300)));
        assertFalse(throttle.lockedUntil("guesser", "10.0.0.3").isPresent());
    }

    private static LoginFailuresConfig limits(int max, int maxPerAddress) {
        return new LoginFailuresConfig() {
            @Override
            public int max() {
                return max;
            }

            @Override
            public int maxPerAddress() {
                return maxPerAddress;
            }

            @Override
            public Duration window() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Duration lockout() {
                return Duration.ofSeconds(300);
            }
        };
    }
}
