package org.pdxhub.connector.file;

import org.apache.camel.CamelContext;
import org.apache.camel.component.file.FileComponent;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileConfiguration;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.spi.ExceptionHandler;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A folder on this machine, on Camel's {@code file} consumer; files are read where they lie. */
final class LocalDrop implements Drop {

    private static final System.Logger LOG = System.getLogger(LocalDrop.class.getName());

    private final Path folder;

    LocalDrop(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    @Override
    public GenericFileEndpoint<?> endpoint(CamelContext camel, ExceptionHandler afterTheFile) {
        Endpoint endpoint = new Endpoint("file://" + folder, camel.getComponent("file", FileComponent.class));
        endpoint.setFile(folder.toFile());
        GenericFileConfiguration config = new GenericFileConfiguration();
        config.setDirectory(folder.toString());
        endpoint.setConfiguration(config);
        // A folder that is gone is a failed poll (the back-off), not an empty one.
        endpoint.setDirectoryMustExist(true);
        Drop.consumerOptions(endpoint, afterTheFile, Comparator.comparing(GenericFile::getFileNameOnly));
        endpoint.setFilter(this::inTheFolder);
        return endpoint;
    }

    /** A link is not followed, whether it points into the folder or out of it: the department drops files, not links. */
    private boolean inTheFolder(GenericFile<File> file) {
        if (file.isDirectory()) {
            return false;
        }
        Path path = file.getFile().toPath();
        try {
            if (Files.isSymbolicLink(path) || !path.toRealPath().getParent().equals(folder.toRealPath())) {
                LOG.log(System.Logger.Level.WARNING, "in " + folder + ": " + path.getFileName() + " is a link, not a file; it is left unread");
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return true;
    }

    /** Camel's file endpoint, its process strategy wrapped so that each file's outcome is written beside it. */
    private static final class Endpoint extends FileEndpoint {
        Endpoint(String uri, FileComponent component) {
            super(uri, component);
        }

        @Override
        protected GenericFileProcessStrategy<File> createGenericFileStrategy() {
            return new Outcomes<>(super.createGenericFileStrategy());
        }
    }
}
