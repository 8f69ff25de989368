package org.pdxhub.plugins.documents;

/** Why a document was refused; {@link #code()} is the name of the limit or rule, as logged. */
public enum RefusalReason {
    MAX_INPUT_BYTES("max-input-bytes"),
    MAX_EXTRACTED_CHARACTERS("max-extracted-characters"),
    PARSE_TIMEOUT("parse-timeout"),
    MAX_EMBEDDED_DEPTH("max-embedded-depth"),
    MAX_EMBEDDED_DOCUMENTS("max-embedded-documents"),
    MAX_UNCOMPRESSED_BYTES("max-uncompressed-bytes"),
    /** A parser's own zip-bomb check (POI's inflate ratio, Tika's output-to-input ratio). */
    COMPRESSION_RATIO("compression-ratio"),
    MAX_SPREADSHEET_CELLS("max-spreadsheet-cells"),
    ENCRYPTED("encrypted"),
    /** The policy refuses a kind of personal data that was found. */
    PERSONAL_DATA("personal-data"),
    /** No parser reads this type: its content could not be checked. */
    UNSUPPORTED_TYPE("unsupported-type"),
    /** No text at all came out (scanned pages, images): nothing could be checked. */
    NO_TEXT("no-text"),
    UNREADABLE("unreadable"),
    /** The parsing process ran out of the heap it is given (a document built to exhaust memory). */
    MAX_PARSE_MEMORY("max-parse-memory"),
    /** Every scanning thread is busy and the queue is full. */
    BUSY("max-parallel-scans");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
