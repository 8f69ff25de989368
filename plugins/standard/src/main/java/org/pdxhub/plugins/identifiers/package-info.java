/**
 * Identifier checks ({@link org.pdxhub.plugin.IdentifierCheck}) that catalog items name by kind:
 * citizen ID, unified social credit code, mobile and landline numbers, bank cards, e-mail.
 * The checks of keys (citizen ID, USCC, bank card) run on every record, so they use no regex
 * and allocate nothing: their reasons are constants.
 */
package org.pdxhub.plugins.identifiers;
