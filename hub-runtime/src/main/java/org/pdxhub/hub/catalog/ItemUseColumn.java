package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An item's use as the store keeps it: one JSON text column. */
final class ItemUseColumn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemUseColumn() {
    }

    static String write(ItemUse u) {
        try {
            return u == null ? null : JSON.writeValueAsString(u);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("item use could not be written", e);
        }
    }

    static ItemUse read(String text) {
        try {
            return text == null ? null : JSON.readValue(text, ItemUse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("item use in the store is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
