package org.pdxhub.hub.node;

/**
 * Start-up stopped because of the node's configuration or surroundings. The message is the one
 * line an operator reads: the key at fault and what to change.
 */
public class StartupRefused extends RuntimeException {

    private final String key;

    public StartupRefused(String key, String message) {
        this(key, message, null);
    }

    /**
     * A refusal whose cause is not understood well enough to say in one line: the cause's stack
     * is printed where the refusal is logged, and only there, so that a start refused for another
     * reason first is not buried under this one's trace.
     */
    public StartupRefused(String key, String message, Throwable cause) {
        super(key + ": " + message, cause, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
