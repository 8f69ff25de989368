package org.pdxhub.hub.node;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's data folder, checked once before anything writes into it, so that a folder that
 * cannot be written stops start-up with one line naming it rather than a deep H2 or journal error.
 */
@Singleton
public class DataFolder {

    @Inject
    HubConfig config;

    private Path root;

    @PostConstruct
    void check() {
        Path dir = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupRefused("pdx.data-dir", "the data folder " + dir + " cannot be written ("
                    + e.getClass().getSimpleName() + "): give the node a folder it can write, with --data DIR or PDX_DATA_DIR");
        }
        this.root = dir;
    }

    public Path root() {
        return root;
    }

    /** A sub-folder, created if missing. */
    public Path resolve(String name) {
        Path p = root.resolve(name);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new StartupRefused("pdx.data-dir", "cannot create " + p + ": " + e.getMessage());
        }
        return p;
    }
}
