package org.pdxhub.plugins.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The scratch folders of the parsing children. Tika copies a document it parses into a temporary
 * file, PDFBox and POI write scratch files of their own, and a child that is killed mid-parse (its
 * time is up, it ran out of heap) never removes them: a copy of the unredacted document would stay
 * behind, one per hostile or slow document sent. So each child is given a folder of its own as its
 * {@code java.io.tmpdir}, readable by the node's user only, and the node deletes it when the child
 * has exited. The folder's name carries the node's process id, so that the folders of a node that
 * was itself killed are swept by the next node that parses in the same root.
 */
final class ChildScratch {

    static final String PREFIX = "pdx-parse-";
    private static final System.Logger LOG = System.getLogger(ChildScratch.class.getName());

    private ChildScratch() {
    }

    /** A new private folder in {@code root} (mode 700 where the file system has modes). */
    static Path create(Path root) throws IOException {
        Files.createDirectories(root);
        return Files.createTempDirectory(root, PREFIX + ProcessHandle.current().pid() + "-");
    }

    /** Deletes the folder and everything in it; what cannot be deleted is logged by its path, never its content. */
    static void delete(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // Deleted already.
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "the parsing scratch folder " + folder + " could not be deleted ("
                    + e.getClass().getSimpleName() + "); it may hold a copy of a document: delete it by hand");
        }
    }

    /** Deletes the scratch folders in {@code root} whose node is no longer running. */
    static void sweepAfterEndedNodes(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path folder : folders) {
                Optional<Long> node = nodeOf(folder.getFileName().toString());
                if (node.isPresent() && Files.isDirectory(folder)
                        && !ProcessHandle.of(node.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    delete(folder);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the parsing scratch folders in " + root + " could not be listed ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The node's process id in a folder's name, {@code pdx-parse-<pid>-<random>}. */
    static Optional<Long> nodeOf(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = name.indexOf('-', PREFIX.length());
        if (end <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(name.substring(PREFIX.length(), end)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
