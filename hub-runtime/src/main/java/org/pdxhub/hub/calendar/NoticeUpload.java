package org.pdxhub.hub.calendar;

import org.pdxhub.hub.api.ProblemException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A year's holiday notice as the agency's administrator sends it, through the API or the console's
 * upload, with the year, the reference and the encoding checked the same way for both.
 *
 * @param source what the notice is, e.g. 国办发明电〔2026〕12号
 * @param csv    the notice's text, not yet parsed: {@link NoticeLoader} checks its lines
 */
public record NoticeUpload(int year, String source, String csv) {

    private static final int MAX_SOURCE = 200;

    /**
     * @param yearText      the year as sent
     * @param source        the notice's reference as sent, or blank
     * @param defaultSource the reference when none is sent
     * @throws ProblemException naming the field to correct
     */
    public static NoticeUpload of(String yearText, String source, byte[] body, String defaultSource) {
        int year;
        try {
            year = Integer.parseInt(yearText == null ? "" : yearText.strip());
        } catch (NumberFormatException e) {
            year = 0;
        }
        if (year < 2000 || year > 2100) {
            throw ProblemException.badRequest("invalid-year", "year", "the year is written yyyy, 2000 to 2100, not '" + yearText + "'");
        }
        String from = source == null || source.isBlank() ? defaultSource : source.strip();
        if (from.length() > MAX_SOURCE || from.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid-source", "source", "source names the notice in at most " + MAX_SOURCE
                    + " characters on one line, e.g. 国办发明电〔2026〕12号");
        }
        try {
            String csv = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body == null ? new byte[0] : body)).toString();
            return new NoticeUpload(year, from, csv);
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("invalid-encoding", "body", "the notice is sent as UTF-8 text");
        }
    }

    /** The 400 for a notice with lines at fault: the first line as the field, every line in the detail. */
    public static ProblemException refused(HolidayList.Invalid e) {
        HolidayList.RowError first = e.errors().get(0);
        return ProblemException.badRequest("invalid-notice", "line " + first.line() + (first.column() == null ? "" : " " + first.column()),
                e.getMessage() + ". Nothing was loaded: correct these lines and send the whole notice again");
    }
}
