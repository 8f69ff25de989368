package org.pdxhub.hub.messaging;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The node's queues and links as an AsyncAPI 3 document, public as the OpenAPI document is: what a
 * provincial platform's engineers generate their clients from. The file is kept in the repository
 * ({@code src/main/resources/asyncapi/pdx-hub.yaml}) and served as it is.
 */
@Path("/api/v1/asyncapi.yaml")
@Tag(name = "Interface")
public class AsyncApiResource {

    static final String DOCUMENT = "asyncapi/pdx-hub.yaml";

    @GET
    @PermitAll
    @Produces("application/yaml")
    @Operation(summary = "The queues and links (pdx.in.{code}, pdx.return.{uscc}, pdx.notify, link addresses) in AsyncAPI 3, and"
            + " the one dead-letter format of pdx.dlq (its headers: rule, problem type, reason, source, organisation, time, attempts)")
    public byte[] document() {
        try (InputStream in = AsyncApiResource.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the node's build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
