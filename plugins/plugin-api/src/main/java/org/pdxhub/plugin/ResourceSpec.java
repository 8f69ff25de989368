package org.pdxhub.plugin;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A published catalog resource (数据资源), as the gate sees it: enough to validate, authorise
 * and mask one message. The catalog holds the rest (lifecycle, conditions, history).
 *
 * @param keyField the item that keys a record (art. 10: citizen ID or USCC), or null
 */
public record ResourceSpec(String code, long version, String providerUscc, ShareType shareType,
                           OpenType openType, String keyField, List<FieldSpec> fields) {

    public ResourceSpec {
        fields = List.copyOf(fields);
    }

    public Map<String, FieldSpec> fieldsByName() {
        return fields.stream().collect(Collectors.toUnmodifiableMap(FieldSpec::name, Function.identity()));
    }
}
