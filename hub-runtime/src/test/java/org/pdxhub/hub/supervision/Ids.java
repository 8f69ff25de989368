package org.pdxhub.hub.supervision;

/** Citizen IDs with valid check characters, made for a test: region, birth date, sequence, gender. */
final class Ids {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private Ids() {
    }

    /** @param birth yyyyMMdd; @param seq 0..99 */
    static String citizen(String birth, int seq, boolean male) {
        String body = "513301" + birth + String.format("%02d", seq) + (male ? "1" : "2");
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + CHECK.charAt(sum % 11);
    }
}
