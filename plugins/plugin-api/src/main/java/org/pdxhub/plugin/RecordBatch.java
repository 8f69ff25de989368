package org.pdxhub.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one representation of records in flight: each record is a map from field name to value
 * (String, Number, Boolean or null). Steps change records in place and reject the bad ones;
 * a rejected record keeps its reason and leaves the batch for the dead-letter address.
 */
public final class RecordBatch {

    /** One record and, once rejected, why. */
    public static final class Entry {
        private final int index;
        private Map<String, Object> fields;
        private String rejectedField;
        private String rejection;

        Entry(int index, Map<String, Object> fields) {
            this.index = index;
            this.fields = fields;
        }

        /** Position in the batch as sent, from 0, so that a sender can find the record. */
        public int index() {
            return index;
        }

        public Map<String, Object> fields() {
            return fields;
        }

        public void replaceFields(Map<String, Object> newFields) {
            this.fields = newFields;
        }

        public boolean isRejected() {
            return rejection != null;
        }

        /** The first reason wins: later steps do not overwrite it. */
        public void reject(String field, String reason) {
            if (rejection == null) {
                this.rejectedField = field;
                this.rejection = reason;
            }
        }

        public String rejection() {
            return rejection;
        }

        public String rejectedField() {
            return rejectedField;
        }
    }

    private final List<Entry> entries;
    private final Map<String, String> maskingNotes = new TreeMap<>();

    public RecordBatch(List<? extends Map<String, Object>> records) {
        this.entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            entries.add(new Entry(i, records.get(i)));
        }
    }

    /**
     * Records how masking of a field went beyond its rule in this batch (identifiers found in its
     * text, an upstream claim that did not hold), for the usage log: counts and kinds, never values.
     */
    public void noteMasking(String field, String note) {
        maskingNotes.merge(field, note, (a, b) -> a + "," + b);
    }

    /** Field → what {@link #noteMasking} recorded, by field name. */
    public Map<String, String> maskingNotes() {
        return Collections.unmodifiableMap(maskingNotes);
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public int size() {
        return entries.size();
    }

    /** Records still in the batch. */
    public List<Entry> accepted() {
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (!e.isRejected()) {
                out.add(e);
            }
        }
        return out;
    }

    public List<Entry> rejected() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.isRejected()) {
                out.add(e);
            }
        }
        return out;
    }

    public List<Map<String, Object>> acceptedRecords() {
        List<Map<String, Object>> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            if (!e.isRejected()) {
                out.add(e.fields());
            }
        }
        return out;
    }
}
