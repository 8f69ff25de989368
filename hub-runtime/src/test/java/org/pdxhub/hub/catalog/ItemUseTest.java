package org.pdxhub.hub.catalog;

import org.junit.jupiter.api.Test;
import org.pdxhub.plugin.DataType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An item's declared use, from the side of a specialist who would declare one that singles people out or means nothing. */
class ItemUseTest {

    static final ResourceDraft DRAFT = new ResourceDraft("R-1", "r", "11513300MB0000002H", null, null, null, null, null, null, null, null,
            null, null, "citizen_id", List.of(), null);

    @Test
    void aSensitivityFourItemCannotBeAStatisticsDimension() {
        ItemDraft id = new ItemDraft("mobile", "m", DataType.STRING, true, 4, null, null, null, null, null, new ItemUse(null, true, null));
        assertEquals(List.of("dimension-too-sensitive"), rules(id));
    }

    @Test
    void onlyANumericItemCanBeAMeasureAndItsClipIsPositive() {
        assertEquals(List.of("measure-not-numeric"),
                rules(new ItemDraft("name", "n", DataType.STRING, false, 1, null, null, null, null, null, new ItemUse(null, null, 10.0))));
        assertEquals(List.of("invalid-measure-clip"),
                rules(new ItemDraft("amount", "a", DataType.DECIMAL, false, 1, null, null, null, null, null, new ItemUse(null, null, -1.0))));
        assertTrue(rules(new ItemDraft("amount", "a", DataType.DECIMAL, false, 1, null, null, null, null, null,
                new ItemUse(null, true, 10_000.0))).isEmpty());
    }

    @Test
    void theKeyIsNotDeclaredVerifiable() {
        assertEquals(List.of("verifiable-key"),
                rules(new ItemDraft("citizen_id", "c", DataType.STRING, true, 4, null, null, null, null, null, new ItemUse(true, null, null))));
    }

    @Test
    void anEmptyUseIsNoAttributeOfTheItem() {
        ItemDraft item = new ItemDraft("name", "n", DataType.STRING, false, 1, null, null, null, null, null, new ItemUse(null, null, null));
        ResourceDraft d = new ResourceDraft("R-1", "r", "11513300MB0000002H", null, null, null, null, null, null, null, null,
                null, null, null, List.of(item), null);
        assertEquals(null, CatalogRules.normalise(d).items().get(0).use());
    }

    private static List<String> rules(ItemDraft item) {
        return item.use().problems("items[0].use", item, DRAFT).stream().map(Violation::rule).toList();
    }
}
