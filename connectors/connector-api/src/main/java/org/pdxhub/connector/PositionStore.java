package org.pdxhub.connector;

import java.util.Optional;

/** Where an incremental connector remembers how far it got; scoped to the instance. */
public interface PositionStore {

    Optional<String> get(String key);

    void put(String key, String value);
}
