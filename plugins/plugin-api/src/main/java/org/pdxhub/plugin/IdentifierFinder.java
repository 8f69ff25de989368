package org.pdxhub.plugin;

import java.util.List;

/**
 * Finds identifiers written inside free text (an address, a remark, a document's text): citizen
 * IDs in any spacing, 15-digit IDs, mobiles, bank cards, e-mail addresses... Each candidate is
 * confirmed by the node's {@link IdentifierCheck} for its kind. The gate masks what it finds like
 * an item of that kind; nothing found is ever logged, only counted.
 */
public interface IdentifierFinder {

    /**
     * One identifier found.
     *
     * @param kind       the {@link IdentifierCheck#kind()} it passed ({@code citizen-id}, {@code mobile}...),
     *                   or {@code person-name} for a name after a label such as 姓名：
     * @param start      offset of its first character (UTF-16 units) in the text
     * @param end        offset after its last character
     * @param normalised the value as an item of that kind holds it (an ID without its spaces), so
     *                   that its pseudonym is the one the item would get
     */
    record Found(String kind, int start, int end, String normalised) {
    }

    /** The identifiers in {@code text}, in order, none overlapping; linear in the text's length. */
    List<Found> find(CharSequence text);
}
