package org.pdxhub.hub.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;
import java.util.List;

/**
 * The two ways to call {@code /api/v1}, declared in the OpenAPI document so that Swagger UI
 * ({@code /q/swagger-ui/}) can try each call with a key: an API key as a Bearer token, or a signed
 * request (README "Signed requests"), which a browser cannot compute and is declared for tools.
 * Either one is enough ({@code mp.openapi.filter} names this class).
 *
 * <p>Quarkus marks each operation whose resource method is {@code @RolesAllowed} or
 * {@code @Authenticated} with a requirement of its own scheme, {@value #QUARKUS_SCHEME}, an OpenID
 * Connect scheme (quarkus-oidc is present for the console's sign-in) without a discovery URL. An
 * operation's requirement overrides the document's, so Swagger UI sent no key at all on those 121
 * calls. Here each such requirement becomes "bearer or signature", keeping the roles it names, the
 * operations Quarkus found open (the public's {@code /api/v1/open/...}) say that they need no key,
 * and the OpenID Connect scheme, which no API call accepts, is removed.
 */
public class OpenApiSecurity implements OASFilter {

    public static final String BEARER = "bearer";
    public static final String SIGNATURE = "pdx-signature";
    /** Quarkus's default {@code quarkus.smallrye-openapi.security-scheme-name}. */
    static final String QUARKUS_SCHEME = "SecurityScheme";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An API key issued to a person or system: 'Authorization: Bearer <key>'"
                        + " (the demo's keys: demo-reviewer, demo-specialist, demo-admin...)"));
        openAPI.getComponents().addSecurityScheme(SIGNATURE, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("Pdx-Signature")
                .description("A signed request: Pdx-Key-Id, Pdx-Timestamp, Pdx-Nonce, Pdx-Content-SHA256 and Pdx-Signature, the base64"
                        + " HMAC-SHA256 of 'METHOD\\npath?query\\ntimestamp\\nnonce\\ncontent-sha256' (deploy/pdx-sign computes it)"));
        openAPI.getComponents().removeSecurityScheme(QUARKUS_SCHEME);
        openAPI.setSecurity(keyOrSignature(List.of()));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            if (path.getOperations() == null) {
                continue;
            }
            for (Operation operation : path.getOperations().values()) {
                operation.setSecurity(requirementOf(operation.getSecurity()));
            }
        }
    }

    /** Bearer or signature with the roles Quarkus found, or none for an operation it found open. */
    private static List<SecurityRequirement> requirementOf(List<SecurityRequirement> found) {
        if (found == null || found.isEmpty()) {
            // One empty requirement: no key needed (an empty list would be left out, and the
            // document's "bearer or signature" would apply).
            List<SecurityRequirement> open = new ArrayList<>();
            open.add(OASFactory.createSecurityRequirement());
            return open;
        }
        List<String> roles = new ArrayList<>();
        for (SecurityRequirement requirement : found) {
            if (requirement.getSchemes() != null && requirement.getSchemes().get(QUARKUS_SCHEME) != null) {
                roles.addAll(requirement.getSchemes().get(QUARKUS_SCHEME));
            }
        }
        return keyOrSignature(roles);
    }

    private static List<SecurityRequirement> keyOrSignature(List<String> roles) {
        List<SecurityRequirement> either = new ArrayList<>();
        either.add(OASFactory.createSecurityRequirement().addScheme(BEARER, new ArrayList<>(roles)));
        either.add(OASFactory.createSecurityRequirement().addScheme(SIGNATURE, new ArrayList<>(roles)));
        return either;
    }
}
