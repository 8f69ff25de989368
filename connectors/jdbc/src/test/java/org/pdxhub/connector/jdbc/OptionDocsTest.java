package org.pdxhub.connector.jdbc;

import org.junit.jupiter.api.Test;
import org.pdxhub.connector.ConnectorOptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The option table in connectors/README.md is the one the declarations give; regenerate it when they change. */
class OptionDocsTest {

    @Test
    void theReadmeTableOfTheJdbcKindIsItsDeclarations() throws Exception {
        assertEquals(ConnectorOptions.markdown(JdbcOptions.class), section(Path.of("..", "README.md"), "jdbc"),
                "connectors/README.md, between <!-- options:jdbc --> and <!-- /options:jdbc -->");
    }

    static String section(Path readme, String kind) throws Exception {
        String text = Files.readString(readme);
        String open = "<!-- options:" + kind + " -->\n";
        int start = text.indexOf(open);
        int end = text.indexOf("<!-- /options:" + kind + " -->");
        return start < 0 || end < start ? "(no section)" : text.substring(start + open.length(), end);
    }
}
