package org.pdxhub.connector.file;

import org.apache.camel.CamelContext;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.PositionStore;
import org.pdxhub.connector.RecordSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Takes every batch, as a gate that lets all through would; keeps the first ten and counts the rest. */
final class RecordingSink implements RecordSink {

    final List<List<Map<String, Object>>> batches = new ArrayList<>();
    final List<String> messageIds = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    Map<String, Object> last;
    long records;

    @Override
    public Accepted send(String resourceCode, List<Map<String, Object>> batch, String person, String purpose, String messageId) {
        if (batches.size() < 10) {
            batches.add(batch);
        }
        messageIds.add(messageId);
        sizes.add(batch.size());
        records += batch.size();
        last = batch.get(batch.size() - 1);
        return new Accepted(messageId, batch.size(), 0);
    }

    ConnectorContext context(Path dataDir) {
        return context(this, dataDir);
    }

    static ConnectorContext context(RecordSink sink, Path dataDir) {
        return new ConnectorContext() {
            public RecordSink sink() {
                return sink;
            }

            public Path dataDir() {
                return dataDir;
            }

            public String nodeId() {
                return "test";
            }

            public PositionStore positions() {
                return null;
            }

            public CamelContext camel() {
                return TestCamel.get();
            }
        };
    }
}
