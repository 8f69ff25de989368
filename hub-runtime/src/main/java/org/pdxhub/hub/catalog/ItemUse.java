package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.pdxhub.plugin.DataType;

import java.util.ArrayList;
import java.util.List;

/**
 * What an item may be used for without being handed over (可用不可见, art. 36). Declared in the
 * catalog, so that making an item verifiable or a statistics dimension is reviewed like any change
 * and is part of the catalog version.
 *
 * @param verifiable  the node keeps a keyed digest of the item's raw value at ingest, so that
 *                    verification (核验) can answer MATCH on it although the record holds it masked
 * @param dimension   open or granted statistics may group by the item
 * @param measureClip the item is a numeric measure statistics may sum; each record's value is
 *                    clipped to ±this bound, which is the sum's sensitivity
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemUse(Boolean verifiable, Boolean dimension, Double measureClip) {

    /** Whether it declares no use at all: then it is no attribute of the item. */
    public boolean declaresNothing() {
        return !allowsVerification() && !allowsGrouping() && !allowsSum();
    }

    public boolean allowsVerification() {
        return Boolean.TRUE.equals(verifiable);
    }

    public boolean allowsGrouping() {
        return Boolean.TRUE.equals(dimension);
    }

    public boolean allowsSum() {
        return measureClip != null;
    }

    /** What is wrong with the use of item {@code at} (e.g. items[2].use) of the draft. */
    List<Violation> problems(String at, ItemDraft item, ResourceDraft draft) {
        List<Violation> v = new ArrayList<>();
        if (measureClip != null) {
            if (item.type() != DataType.INTEGER && item.type() != DataType.DECIMAL) {
                v.add(new Violation(at + ".measureClip", "measure-not-numeric", "item '" + item.name() + "' is " + item.type()
                        + ": only an INTEGER or DECIMAL item can be a measure; leave measureClip out"));
            } else if (!(measureClip > 0) || measureClip.isInfinite()) {
                v.add(new Violation(at + ".measureClip", "invalid-measure-clip", "measureClip is the bound each record's value is"
                        + " clipped to: a positive number, e.g. 10000"));
            }
        }
        if (allowsVerification() && item.name() != null && item.name().equals(draft.keyField())) {
            v.add(new Violation(at + ".verifiable", "verifiable-key", "item '" + item.name() + "' is the key: a verification finds the"
                    + " record by it already; mark the other items verifiable"));
        }
        if (allowsGrouping() && Integer.valueOf(4).equals(item.sensitivity())) {
            v.add(new Violation(at + ".dimension", "dimension-too-sensitive", "item '" + item.name() + "' has sensitivity 4: a cell of"
                    + " statistics grouped by it would single people out; declare a coarser item (a band, a county) as the dimension"));
        }
        return v;
    }
}
