package org.pdxhub.hub.node;

/**
 * Start-up stopped because of the node's configuration or surroundings. The message is the one
 * line an operator reads: the key at fault and what to change.
 */
public class StartupRefused extends RuntimeException {

    private final String key;

    public StartupRefused(String key, String message) {
        super(key + ": " + message, null, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
