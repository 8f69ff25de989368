/**
 * Identifier checks ({@link org.pdxhub.plugin.IdentifierCheck}) that catalog items name by kind:
 * citizen ID (the GB 11643 family: residence permits of Hong Kong, Macao and Taiwan residents and
 * the 2023 foreign permanent residence ID included), unified social credit code, the secondary
 * identity documents of art. 10 (Chinese and foreign passports, Mainland travel permits of Hong
 * Kong, Macao and Taiwan residents), mobile and landline numbers, bank cards, e-mail.
 * The checks of keys (citizen ID, USCC, bank card) run on every record, so they use no regex
 * and allocate nothing: their reasons are constants.
 */
package org.pdxhub.plugins.identifiers;
