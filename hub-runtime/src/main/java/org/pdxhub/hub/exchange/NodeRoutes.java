package org.pdxhub.hub.exchange;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.jboss.logging.Logger;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The node's own Camel YAML routes, from {@code <config-dir>/routes/*.yaml}, loaded with Camel's
 * RoutesLoader (what {@code camel cmd load} uses) once the standard routes run. A route that would
 * bypass the gate, or a file Camel cannot read, stops start-up naming the file.
 */
@ApplicationScoped
public class NodeRoutes {

    private static final Logger LOG = Logger.getLogger(NodeRoutes.class);

    @Inject
    HubConfig hub;

    void load(@Observes StartupEvent started, CamelContext camel) {
        Path folder = hub.configDir().resolve("routes");
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new StartupRefused("pdx.config-dir", "cannot read " + folder + ": " + e.getMessage());
        }
        for (Path file : files) {
            Resource resource = PluginHelper.getResourceLoader(camel).resolveResource("file:" + file.toAbsolutePath());
            try {
                PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
            } catch (Exception e) {
                throw new StartupRefused("pdx.config-dir", file + ": " + rootMessage(e));
            }
            LOG.infof("Node routes loaded from %s", file);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
