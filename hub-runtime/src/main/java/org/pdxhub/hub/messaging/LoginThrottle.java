package org.pdxhub.hub.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed broker logins, counted per user and remote address and per remote address alone, in a
 * sliding window. Once a count reaches its limit, that pair (or address) is locked out: further
 * attempts are refused without looking at the key, so guessing a key costs the lock-out time
 * per few guesses. Another user, or the same user from another address, is not affected by a
 * pair's lock-out (a guesser cannot lock a department out of its own system's address).
 */
final class LoginThrottle {

    /** Above this many tracked keys, those with nothing left to remember are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    /** What one failed login locked out, for the one log line it deserves. */
    record Lockout(Scope scope, int failures, Duration window, Instant until) {
    }

    enum Scope {
        USER_AND_ADDRESS, ADDRESS
    }

    private final LoginFailuresConfig config;
    private final Clock clock;
    private final Map<String, Failures> pairs = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    LoginThrottle(LoginFailuresConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Until when logins of {@code user} from {@code address} are refused unchecked, if they are now. */
    Optional<Instant> lockedUntil(String user, String address) {
        Instant now = clock.instant();
        Instant until = later(lockedUntil(pairs.get(pair(user, address)), now), lockedUntil(addresses.get(address), now));
        return Optional.ofNullable(until);
    }

    /** Counts a failed login; the lock-out it caused, if it reached a limit. */
    Optional<Lockout> failed(String user, String address) {
        Instant now = clock.instant();
        prune(now);
        Failures pair = pairs.computeIfAbsent(pair(user, address), k -> new Failures());
        Failures fromAddress = addresses.computeIfAbsent(address, k -> new Failures());
        if (pair.fail(now, config.max(), config.window(), config.lockout())) {
            fromAddress.fail(now, config.maxPerAddress(), config.window(), config.lockout());
            return Optional.of(new Lockout(Scope.USER_AND_ADDRESS, config.max(), config.window(), now.plus(config.lockout())));
        }
        if (fromAddress.fail(now, config.maxPerAddress(), config.window(), config.lockout())) {
            return Optional.of(new Lockout(Scope.ADDRESS, config.maxPerAddress(), config.window(), now.plus(config.lockout())));
        }
        return Optional.empty();
    }

    /** A successful login forgets that pair's failures (not the address's). */
    void succeeded(String user, String address) {
        pairs.remove(pair(user, address));
    }

    private void prune(Instant now) {
        if (pairs.size() > PRUNE_ABOVE) {
            pairs.values().removeIf(f -> f.forgettable(now, config.window()));
        }
        if (addresses.size() > PRUNE_ABOVE) {
            addresses.values().removeIf(f -> f.forgettable(now, config.window()));
        }
    }

    private static String pair(String user, String address) {
        return (user == null ? "" : user) + '\n' + address;
    }

    private static Instant lockedUntil(Failures f, Instant now) {
        return f == null ? null : f.lockedUntil(now);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static final class Failures {
        private final Deque<Instant> times = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        synchronized Instant lockedUntil(Instant now) {
            return now.isBefore(lockedUntil) ? lockedUntil : null;
        }

        /** Counts one failure; true when it reaches {@code max} within the window and so locks. */
        synchronized boolean fail(Instant now, int max, Duration window, Duration lockout) {
            Instant from = now.minus(window);
            while (!times.isEmpty() && !times.peekFirst().isAfter(from)) {
                times.pollFirst();
            }
            times.addLast(now);
            if (times.size() >= max) {
                times.clear();
                lockedUntil = now.plus(lockout);
                return true;
            }
            return false;
        }

        synchronized boolean forgettable(Instant now, Duration window) {
            return !now.isBefore(lockedUntil) && (times.isEmpty() || times.peekLast().isBefore(now.minus(window)));
        }
    }
}
