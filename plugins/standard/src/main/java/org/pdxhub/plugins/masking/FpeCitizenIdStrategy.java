package org.pdxhub.plugins.masking;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;

import java.util.List;

/**
 * {@code fpe-citizen-id([sm3|sha256])}: replaces a citizen ID by another that passes the
 * {@code citizen-id} check, the same one for the same ID on every node (keyed by the pseudonym
 * secret, HMAC-SM3 by default), so that systems which validate IDs and join on them keep working.
 * <p>
 * What the ID says about its holder stays true: region (digits 1-6), birth date (7-14) and sex
 * (the parity of digit 17). Who it is does not: the sequence code (digits 15-17) is moved by a
 * keyed permutation of the 500 codes of that sex, chosen per region and birth date, with a
 * recomputed check character. A permutation rather than a hash, because among 500 codes a hash
 * would give two people born on one day in one county the same replacement; this one gives
 * distinct IDs distinct replacements, and never the ID itself. Region, birth date and sex
 * together still narrow a person down: for open data, generalise or suppress instead.
 * <p>
 * A value that is not a valid citizen ID is suppressed.
 */
@Singleton
public final class FpeCitizenIdStrategy implements MaskingStrategy {

    public static final String NAME = "fpe-citizen-id";
    private static final int CODES_OF_ONE_SEX = 500;

    private final CitizenIdCheck check = new CitizenIdCheck();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FieldMasker compile(List<String> args, MaskingKeys keys) {
        RuleArgs a = RuleArgs.of(args, "fpe-citizen-id([sm3|sha256])", 0, 1);
        KeyedHash.Algorithm algorithm = a.has(0) ? KeyedHash.Algorithm.read(a, 0) : KeyedHash.Algorithm.SM3;
        KeyedHash hash = KeyedHash.withPseudonymSecret(algorithm, keys, a);
        // Its output is a valid-looking identifier, so it cannot be told from a raw one: a node
        // above never takes a claim of it on trust (FieldMasker.looksMasked stays false).
        return value -> value == null ? null : replace(value.toString(), hash);
    }

    private String replace(String id, KeyedHash hash) {
        if (!check.isValid(id)) {
            return null;
        }
        int sequence = Integer.parseInt(id, 14, 17, 10);
        int sex = sequence & 1;
        // The prefix names this rule, so the seed is never the pseudonym of some other value.
        long seed = hash.hashToLong(NAME + ":" + id.substring(0, 14) + ":" + sex);
        int replaced = (int) new SwapOrNot(CODES_OF_ONE_SEX, seed).next(sequence >> 1) * 2 + sex;
        StringBuilder out = new StringBuilder(18).append(id, 0, 14);
        out.append((char) ('0' + replaced / 100)).append((char) ('0' + replaced / 10 % 10))
                .append((char) ('0' + replaced % 10));
        return out.append(CitizenIdCheck.checkCharacter(out)).toString();
    }
}
