package org.pdxhub.plugins.documents;

/**
 * Where a piece of personal data was found, never what it was.
 *
 * @param kind  {@link FindingKind#key()}
 * @param field {@code text} for the extracted text, {@code declared-name} for the file name, or
 *              {@code metadata:<key>} ({@code metadata:embedded-2/dc:creator} for an embedded document)
 * @param start offset of the first character (UTF-16 units) in that field, as extracted
 * @param end   offset after the last character
 */
public record Finding(String kind, String field, int start, int end) {

    public static final String TEXT = "text";
    public static final String DECLARED_NAME = "declared-name";
    public static final String METADATA = "metadata:";
}
