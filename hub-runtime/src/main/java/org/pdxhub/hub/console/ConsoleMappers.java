package org.pdxhub.hub.console;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/** A console page without a session sends the browser to the login page. */
public class ConsoleMappers {

    @ServerExceptionMapper
    public Response login(LoginRequired e) {
        return Response.seeOther(URI.create("/login")).build();
    }
}
