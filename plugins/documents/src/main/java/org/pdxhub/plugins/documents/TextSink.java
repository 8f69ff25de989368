package org.pdxhub.plugins.documents;

import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects the text a parser writes, up to max-extracted-characters: beyond it the guard refuses
 * the document, or, when the policy chooses truncation, the parse stops and the text so far is kept.
 */
final class TextSink extends DefaultHandler {

    /** Ends a parse that reached the character limit under a truncating policy. */
    static final class Full extends SAXException {
        Full() {
            super("max-extracted-characters reached");
        }
    }

    private final ParseGuard guard;
    private final int max;
    private final boolean truncate;
    private final StringBuilder text = new StringBuilder();
    private boolean full;

    TextSink(ParseGuard guard) {
        this.guard = guard;
        this.max = guard.limits().maxExtractedCharacters();
        this.truncate = guard.limits().truncateAtCharacterLimit();
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        append(ch, start, length);
    }

    private void append(char[] ch, int start, int length) throws SAXException {
        if (full) {
            throw new Full();
        }
        try {
            guard.checkRunning();
        } catch (ParseGuard.Stopped e) {
            throw new SAXException(e);
        }
        if (text.length() + length > max) {
            if (truncate) {
                text.append(ch, start, max - text.length());
                full = true;
                throw new Full();
            }
            guard.trip(RefusalReason.MAX_EXTRACTED_CHARACTERS, "the document holds more than " + max
                    + " characters of text (max-extracted-characters): send it in several parts");
            throw new SAXException("max-extracted-characters reached");
        }
        text.append(ch, start, length);
    }

    boolean full() {
        return full;
    }

    /**
     * The text collected. When it was cut off, the last word goes too (back to whitespace within
     * 100 characters), so that a half identifier, which no pattern would recognise, is not passed on.
     */
    String text() {
        if (full) {
            for (int i = text.length() - 1; i >= Math.max(0, text.length() - 100); i--) {
                if (Character.isWhitespace(text.charAt(i))) {
                    return text.substring(0, i + 1);
                }
            }
            return text.substring(0, Math.max(0, text.length() - 100));
        }
        return text.toString();
    }
}
