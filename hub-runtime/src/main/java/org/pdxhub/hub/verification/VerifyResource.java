package org.pdxhub.hub.verification;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import org.pdxhub.hub.api.StrictJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;

import java.util.List;
import java.util.Map;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/verify")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Verification", description = "核验 (art. 18, 36): match or mismatch per record and field, never a value; under a"
        + " verification grant (POST /api/v1/verification-requests), with a quota, a rate and a refusal when misses show guessing")
public class VerifyResource {

    /** The values the caller holds, one object per record, each with the resource's key. */
    public record VerifyBody(List<Map<String, Object>> records) {
    }

    @Inject
    Verifier verifier;

    @Inject
    VerificationTerms terms;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("{code}")
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_})
    @Operation(summary = "Verify up to 10,000 records: {\"records\":[{\"<key>\":...,\"<field>\":...}]} → MATCH, MISMATCH or UNKNOWN per record"
            + " and field, in the order sent",
            description = "A key the node does not hold is answered exactly as a record whose every value is wrong (MISMATCH), unless"
                    + " the provider's terms for the grant say otherwise. Pdx-Person and Pdx-Purpose (the grant's approved purpose) are"
                    + " required. 403 verify.grant-missing without a live verification grant; 400 verify.too-many above the limit;"
                    + " 429 verify.rate, verify.quota, verify.guessing.")
    public Verifier.Verified verify(@PathParam("code") String code, @HeaderParam("Pdx-Person") String person,
                                    @HeaderParam("Pdx-Purpose") String purpose, @HeaderParam("Pdx-Trace-Id") String traceId, VerifyBody body) {
        if (body == null) {
            throw ProblemException.badRequest("missing-body", "records", "send {\"records\": [{\"<key field>\": ..., \"<field>\": ...}, ...]}");
        }
        var c = caller.get();
        return verifier.verify(code, new Verifier.Caller(c.organisation(), person, purpose, traceId, c.keyId()), body.records());
    }

    @PUT
    @Path("grants/{grantId}/terms")
    @RolesAllowed({Role.SPECIALIST_})
    @Operation(summary = "The provider's terms for one verification grant: {\"recordsPerDay\",\"callsPerMinute\",\"unknownDistinct\"}",
            description = "Null limits take the node's (pdx.verify.*). unknownDistinct=true answers a key not held UNKNOWN rather than"
                    + " as a mismatch. Only the data specialist of the resource's provider sets them.")
    public VerificationCalls.Terms setTerms(@PathParam("grantId") String grantId, VerificationCalls.Terms body) {
        return terms.set(grantId, body, caller.get());
    }
}
