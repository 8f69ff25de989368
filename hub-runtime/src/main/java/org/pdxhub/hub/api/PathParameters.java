package org.pdxhub.hub.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Path parameters are taken exactly as the catalog writes them. JAX-RS drops matrix parameters
 * ({@code GZ-PSB-POP-001;x=1} reads as {@code GZ-PSB-POP-001}), so a path with them would be
 * answered as if it were another; they are refused, naming the parameter. A resource code
 * outside the catalog's syntax is refused before any lookup (the catalog validates its own).
 */
public class PathParameters {

    private static final int MAX_CODE = 64;

    /** A resource code: upper-case letters and digits in groups joined by '-'. The catalog holds codes to it. */
    public static final Pattern RESOURCE_CODE = Pattern.compile("[A-Z0-9]+(-[A-Z0-9]+)*");

    /** A unified social credit code's form (GB 32100): 18 digits and capital letters without I, O, S, V, Z. */
    public static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        MultivaluedMap<String, String> params = request.getUriInfo().getPathParameters();
        String rawPath = request.getUriInfo().getRequestUri().getRawPath();
        if (rawPath != null && rawPath.indexOf(';') >= 0) {
            String field = "path";
            for (String segment : rawPath.split("/")) {
                int semicolon = segment.indexOf(';');
                if (semicolon >= 0) {
                    String value = URLDecoder.decode(segment.substring(0, semicolon).replace("+", "%2B"), StandardCharsets.UTF_8);
                    field = params.entrySet().stream().filter(p -> p.getValue().contains(value)).map(p -> p.getKey())
                            .findFirst().orElse("path");
                    break;
                }
            }
            throw ProblemException.badRequest("invalid-path", field, "matrix parameters (';name=value') are not taken in a path:"
                    + " send the " + field + " alone, and options as query parameters");
        }
        String code = params.getFirst("code");
        boolean catalogEndpoint = resource.getResourceClass() != null && resource.getResourceClass().getPackageName().endsWith(".catalog");
        if (code != null && !catalogEndpoint && (code.length() > MAX_CODE || !RESOURCE_CODE.matcher(code).matches())) {
            throw ProblemException.badRequest("invalid-path", "code", "a resource code is upper-case letters and digits in groups"
                    + " joined by '-' (e.g. GZ-PSB-POP-001), at most " + MAX_CODE + " characters: send the code as the catalog lists it");
        }
        // An organisation that cannot exist is a malformed request, not one the node does not know.
        String uscc = params.getFirst("uscc");
        if (uscc != null && !USCC.matcher(uscc).matches()) {
            throw ProblemException.badRequest("invalid-path", "uscc", "'" + (uscc.length() > 40 ? uscc.substring(0, 40) + "…" : uscc)
                    + "' is not a unified social credit code: 18 digits and capital letters without I, O, S, V, Z"
                    + " (e.g. 11513300MB0000002H)");
        }
    }
}
