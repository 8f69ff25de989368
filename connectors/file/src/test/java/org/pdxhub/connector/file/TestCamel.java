package org.pdxhub.connector.file;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** One Camel for the tests of this module, as the node has one: its file and sftp components, the file language. */
final class TestCamel {

    private static CamelContext camel;

    private TestCamel() {
    }

    static synchronized CamelContext get() {
        if (camel == null) {
            camel = new DefaultCamelContext();
            camel.start();
        }
        return camel;
    }
}
