package org.pdxhub.plugin;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Plugins looked up by name (masking strategies, identifier checks). Two plugins with one name
 * is a configuration error, found when the registry is built.
 */
public final class Registry<T> {

    private final String what;
    private final Map<String, T> byName;

    public Registry(String what, Iterable<? extends T> plugins, Function<T, String> nameOf) {
        this.what = what;
        Map<String, T> map = new TreeMap<>();
        for (T plugin : plugins) {
            T before = map.put(nameOf.apply(plugin), plugin);
            if (before != null) {
                throw new IllegalStateException("two " + what + "s are named '" + nameOf.apply(plugin) + "': "
                        + before.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    public Optional<T> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @throws IllegalArgumentException naming the known ones when there is none by that name */
    public T get(String name) {
        T plugin = byName.get(name);
        if (plugin == null) {
            throw new IllegalArgumentException("no " + what + " named '" + name + "'; known: " + byName.keySet());
        }
        return plugin;
    }

    public Map<String, T> all() {
        return byName;
    }
}
