/**
 * Uploaded documents (文件, issue 8): typed from their content, their text and metadata extracted
 * with Apache Tika, personal data in them found with the node's identifier checks and redacted,
 * pseudonymised, kept or refused as a {@link org.pdxhub.plugins.documents.ScanPolicy} says; and
 * spreadsheets read as records so that the hub's field masking applies to them.
 * <p>
 * Every limit a hostile document could try (size, text, time, nesting, embedded count,
 * decompressed size, encryption) ends in a {@link org.pdxhub.plugins.documents.DocumentRefused}
 * naming the limit and its value. Reports and refusals never hold a value that was found.
 */
package org.pdxhub.plugins.documents;
