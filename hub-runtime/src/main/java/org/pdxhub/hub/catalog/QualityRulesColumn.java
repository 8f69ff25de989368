package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An item's quality rules as the store keeps them: one JSON text column. */
final class QualityRulesColumn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QualityRulesColumn() {
    }

    static String write(ItemQuality q) {
        try {
            return q == null ? null : JSON.writeValueAsString(q);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("quality rules could not be written", e);
        }
    }

    static ItemQuality read(String text) {
        try {
            return text == null ? null : JSON.readValue(text, ItemQuality.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("quality rules in the store are not readable: " + e.getOriginalMessage(), e);
        }
    }
}
