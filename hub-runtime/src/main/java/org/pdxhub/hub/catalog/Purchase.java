package org.pdxhub.hub.catalog;

/**
 * Data the provider bought rather than collected (采购数据): from whom and under which contract.
 * Buying public data needs the data agency's approval (art. 9), given when it reviews the entry.
 *
 * @param supplier who sells the data: its name and, for an organisation, its USCC
 * @param contract the contract's number or reference, with its term
 */
public record Purchase(String supplier, String contract) {
}
