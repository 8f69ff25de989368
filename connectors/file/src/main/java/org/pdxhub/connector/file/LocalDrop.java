package org.pdxhub.connector.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** A folder on this machine; files are read where they lie. */
final class LocalDrop implements Drop {

    private final Path folder;

    LocalDrop(Path folder) {
        this.folder = folder;
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    @Override
    public List<Arrival> settled(Instant settled) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> new Arrival(p.getFileName().toString(), size(p), lastModified(p)))
                    .filter(a -> a.modified().isBefore(settled))
                    .sorted(java.util.Comparator.comparing(Arrival::name)).toList();
        }
    }

    @Override
    public Fetched fetch(Arrival file) {
        Path path = folder.resolve(file.name());
        return new Fetched() {
            public Path path() {
                return path;
            }

            public void close() {
            }
        };
    }

    @Override
    public void move(Arrival file, String to, String reason) throws IOException {
        Path target = folder.resolve(to).resolve(file.name());
        if (Files.exists(target)) {
            target = folder.resolve(to).resolve(Instant.now().toEpochMilli() + "-" + file.name());
        }
        Files.move(folder.resolve(file.name()), target, StandardCopyOption.ATOMIC_MOVE);
        if (reason != null) {
            Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"), reason + "\n", StandardCharsets.UTF_8);
        }
    }

    private static Instant lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
