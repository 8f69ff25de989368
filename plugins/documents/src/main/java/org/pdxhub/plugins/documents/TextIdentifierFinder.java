package org.pdxhub.plugins.documents;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.IdentifierFinder;
import org.pdxhub.plugin.Registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The document scanner's finder offered to the gate for the text fields of records: the same
 * patterns, checks and Chinese names and addresses, 15-digit IDs included (a remark copied from an
 * old register holds them). Organisations are left out: they identify no person, and the gate masks
 * whatever it is given.
 */
@Singleton
public final class TextIdentifierFinder implements IdentifierFinder {

    /** Short values come back field after field (女, 藏族, 在册, a village's name): those found to hold nothing are remembered. */
    static final int REMEMBERED_LENGTH = 16;
    private static final int REMEMBERED_VALUES = 4096;

    private final PersonalDataFinder finder;
    /**
     * Values in which nothing personal was found, so none of them is a value to protect; a value in
     * which something was found is never kept. Emptied when full rather than ordered by use.
     */
    private final Set<String> nothingIn = ConcurrentHashMap.newKeySet();

    /** @throws IllegalArgumentException when the registry lacks a check the finder needs, naming it */
    @Inject
    public TextIdentifierFinder(Registry<IdentifierCheck> checks) {
        this.finder = PersonalDataFinder.forRecordFields(checks);
        ChineseEntities.loadInBackground();
    }

    /**
     * Every text, however long, is scanned whole: a length past which it were not would be the way
     * to pass an ID unseen. The finder is linear; a field with no digit, {@code @}, label colon or
     * Chinese character (a code, a status) is answered after one look at each character.
     */
    @Override
    public List<Found> find(CharSequence text) {
        if (!mayHoldAny(text)) {
            return List.of();
        }
        String value = text.length() <= REMEMBERED_LENGTH ? text.toString() : null;
        if (value != null && nothingIn.contains(value)) {
            return List.of();
        }
        List<PersonalDataFinder.Match> matches = finder.find(text, true);
        if (matches.isEmpty()) {
            if (value != null) {
                if (nothingIn.size() >= REMEMBERED_VALUES) {
                    nothingIn.clear();
                }
                nothingIn.add(value);
            }
            return List.of();
        }
        List<Found> out = new ArrayList<>(matches.size());
        for (PersonalDataFinder.Match m : matches) {
            if (m.kind() != FindingKind.ORGANISATION) {
                out.add(new Found(m.kind().key(), m.start(), m.end(), m.normalised()));
            }
        }
        return out;
    }

    private static boolean mayHoldAny(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c == '@' || c == ':' || c >= '\uFF10' && c <= '\uFF1A' || c == '\uFF20'
                    || c >= '\u4E00' && c <= '\u9FFF') {
                return true;
            }
        }
        return false;
    }
}
