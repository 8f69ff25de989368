/**
 * Masking strategies ({@link org.pdxhub.plugin.MaskingStrategy}) that rules name: keep, suppress,
 * generalise-date, generalise-address, range, pseudonym, fpe-citizen-id, fpe-uscc, encrypt.
 * A rule's arguments are checked when it is compiled, so a wrong profile fails at load.
 * A value a strategy cannot read (not a date, not a valid ID) is suppressed, never passed
 * through: masking fails closed.
 */
package org.pdxhub.plugins.masking;
