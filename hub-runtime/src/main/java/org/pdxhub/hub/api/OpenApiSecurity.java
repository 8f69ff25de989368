package org.pdxhub.hub.api;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.ArrayList;

/**
 * The two ways to call {@code /api/v1}, declared in the OpenAPI document so that Swagger UI
 * ({@code /q/swagger-ui/}) can try each call with a key: an API key as a Bearer token, or a signed
 * request (README "Signed requests"), which a browser cannot compute and is declared for tools.
 * Either one is enough ({@code mp.openapi.filter} names this class).
 */
public class OpenApiSecurity implements OASFilter {

    public static final String BEARER = "bearer";
    public static final String SIGNATURE = "pdx-signature";

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
        openAPI.setSecurity(new ArrayList<>());
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SIGNATURE));
    }
}
