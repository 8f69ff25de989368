package org.pdxhub.hub.lineage;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.exchange.RecordKeys;
import org.pdxhub.hub.exchange.Trails;
import org.pdxhub.hub.store.Sql;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lineage trail of a return keeps each record's key masked as the aggregation profile masks
 * it, never raw; whoever knows the raw identifier still finds the record's returns.
 */
@QuarkusTest
class ReturnedKeysTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String RAW_ID = "513301199001010013";

    @Inject
    Trails trails;

    @Inject
    Lineage lineage;

    @Inject
    RecordKeys keys;

    @Inject
    Catalog catalog;

    @Inject
    Sql sql;

    @Test
    void theTrailOfAReturnKeepsNoRawKey() {
        String messageId = "ret-" + UUID.randomUUID();
        trails.returned(POPULATION, "citizen_id", List.of(Map.<String, Object>of("citizen_id", RAW_ID, "person_name", "旺堆")), "11513300MB0000001E", messageId,
                "11513300MB0000004P", "[]");

        List<String> stored = sql.list("select record_key from returned_record where message_id = ?", rs -> rs.getString(1), messageId);
        assertEquals(1, stored.size());
        assertFalse(stored.get(0).contains(RAW_ID), "the store holds no raw identifier: " + stored.get(0));
        assertEquals(keys.masked(catalog.publishedSpec(POPULATION).orElseThrow(), RAW_ID), stored.get(0),
                "the key as the aggregation profile masks it");

        Lineage.View found = lineage.of(POPULATION, RAW_ID);
        assertTrue(found.returned().stream().anyMatch(p -> p.messageId().equals(messageId)), "a look-up by the raw identifier finds it");
    }
}
