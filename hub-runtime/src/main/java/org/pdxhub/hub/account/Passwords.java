package org.pdxhub.hub.account;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.security.SecureRandom;

/** bcrypt through Bouncy Castle, which the node already carries for SM3/SM4. */
final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked when the account does not exist, so that a wrong name takes as long as a wrong password. */
    private static final String DECOY = OpenBSDBCrypt.generate("decoy".toCharArray(), new byte[16], 11);

    static String hash(String password, int cost) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate(password.toCharArray(), salt, cost);
    }

    static boolean matches(String hash, String password) {
        if (hash == null) {
            OpenBSDBCrypt.checkPassword(DECOY, password.toCharArray());
            return false;
        }
        return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }

    private Passwords() {
    }
}
