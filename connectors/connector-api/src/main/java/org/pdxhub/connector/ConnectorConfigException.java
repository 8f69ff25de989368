package org.pdxhub.connector;

/** An option of a connector instance is missing or wrong; the node names it in its start-up refusal. */
public class ConnectorConfigException extends RuntimeException {

    private final String option;

    public ConnectorConfigException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** The option's name, without the {@code pdx.connectors.<name>.} prefix. */
    public String option() {
        return option;
    }
}
