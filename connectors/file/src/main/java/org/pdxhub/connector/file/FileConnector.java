package org.pdxhub.connector.file;

import jakarta.inject.Singleton;
import org.pdxhub.connector.Connector;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.OptionSpec;
import org.pdxhub.connector.OptionSpec.Type;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Batch files a department drops into a folder: CSV (header row) or JSON (an array of records),
 * told apart by their content, streamed in batches through the gate. A file is taken once it
 * has not changed for a second (or write it under a dot-name and rename it in); done files go
 * to {@code done/}, bad ones to {@code failed/} with {@code <name>.reason.txt}.
 */
@Singleton
public class FileConnector implements Connector {

    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("folder", Type.PATH, "Folder the department drops files into; done/ and failed/ are made inside it"),
            OptionSpec.required("resource", Type.STRING, "Catalog code of the resource the records belong to"),
            OptionSpec.required("person", Type.STRING, "Who sends, for the usage log (e.g. the department system's name)"),
            OptionSpec.required("purpose", Type.STRING, "Why, for the usage log"),
            OptionSpec.optional("poll", Type.DURATION, "2s", "How often the folder is looked at"),
            OptionSpec.optional("batch-size", Type.INTEGER, "500", "Records per batch sent through the gate"));

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public String description() {
        return "CSV and JSON batch files from a folder, through the gate";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public ConnectorInstance create(String name, Map<String, String> options, ConnectorContext ctx) {
        Path folder = Path.of(options.get("folder"));
        if (!Files.isDirectory(folder)) {
            throw new ConnectorConfigException("folder", folder + " is not a folder: create it or correct the path");
        }
        if (!Files.isWritable(folder)) {
            throw new ConnectorConfigException("folder", folder + " is not writable: done files are moved out of it");
        }
        try {
            Files.createDirectories(folder.resolve("done"));
            Files.createDirectories(folder.resolve("failed"));
        } catch (java.io.IOException e) {
            throw new ConnectorConfigException("folder", "cannot create done/ and failed/ in " + folder + ": " + e.getMessage());
        }
        int batchSize = Integer.parseInt(options.get("batch-size"));
        if (batchSize < 1 || batchSize > 100_000) {
            throw new ConnectorConfigException("batch-size", "must be between 1 and 100000, not " + batchSize);
        }
        Duration poll = OptionSpec.parseDuration(options.get("poll"));
        if (poll.toMillis() < 100) {
            throw new ConnectorConfigException("poll", "must be at least 100ms, not " + options.get("poll"));
        }
        return new FileFolder(name, folder, options.get("resource"), options.get("person"), options.get("purpose"),
                poll, batchSize, ctx.sink());
    }
}
