package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.console.KeycloakProvider;
import org.pdxhub.hub.store.Sql;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/**
 * A natural person applies for conditionally open data (art. 26) with the identity the identity
 * platform vouched for: a real OpenID Connect provider (Keycloak, as the console's login test runs
 * it) issues the ID token; the node checks it and takes the platform's subject as the applicant,
 * never a declared name, and keeps that subject only masked and as a digest.
 */
@QuarkusTest
@WithTestResource(KeycloakProvider.class)
class PersonIdentityPlatformTest {

    static final String APPLICATIONS = "/api/v1/open/applications";
    static final String HEADER = "Identity-Token";
    static final String CODE = "T-REQ-OIDC-001";

    @ConfigProperty(name = "keycloak-test.issuer")
    Optional<String> issuer;

    @Inject
    Sql sql;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void aProviderRuns() {
        assumeTrue(issuer.isPresent(), "Keycloak needs a Java 21+ and target/keycloak (mvn unpacks it)");
        if (sql.count("select count(*) from catalog_resource where code = ?", CODE) == 0) {
            publishMarketResource(CODE, "UNCONDITIONAL", "CONDITIONAL");
        }
    }

    @Test
    void aPersonTheIdentityPlatformVouchesForAppliesWithoutAKeyAndTheProviderAnswersWithinItsDays() throws Exception {
        String token = idToken("pdx-console", "pdx-console-oidc-secret-2026");
        String subject = claims(token).get("sub").toString();

        var filed = anyone().header(HEADER, token).body(application()).post(APPLICATIONS).then().log().ifValidationFails().statusCode(201)
                .body("status", equalTo("SUBMITTED")).body("identityVerified", equalTo(true))
                .body("idNumber", equalTo(PersonApplications.maskedSubject(subject))).body("token", notNullValue()).extract();
        String id = filed.path("id");
        // The provider's days start at once: no agency check of an identity the platform vouched for.
        as(SPECIALIST_SAMR).get("/api/v1/open-applications/" + id).then().statusCode(200)
                .body("waitingFor.organisation", equalTo(SAMR)).body("requesterPerson", not(equalTo("王芳")));
        var snapshot = snapshot(sql);
        assertFalse(snapshot.toString().contains(subject), "the platform's subject is kept masked and as a digest only");
        // Other tests of the suite file applications by people named 王 too: this application's rows are the ones to look at.
        String ours = snapshot.values().stream().flatMap(List::stream).filter(row -> row.containsValue(id)).toList().toString();
        assertTrue(ours.contains(id), "this application's rows are found");
        assertFalse(ours.contains("王") || ours.contains("wang.fang"), "no name but the vouched subject is recorded");

        anyone().header(HEADER, token).get(APPLICATIONS).then().statusCode(200).body("id", hasItem(id));
        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/open-applications/" + id + "/decision").then()
                .statusCode(200).body("status", equalTo("APPROVED"));
    }

    @Test
    void aTokenTheNodeCannotTrustOrADeclaredIdentityBesideItIsRefusedAndNothingIsFiled() throws Exception {
        String genuine = idToken("pdx-console", "pdx-console-oidc-secret-2026");
        var before = snapshot(sql);

        // Another application's token (its audience is not this node's client), a forged signature, a name beside the token.
        anyone().header(HEADER, idToken("other-app", "other-app-secret-2026")).body(application()).post(APPLICATIONS).then().log().ifValidationFails()
                .statusCode(401).body("type", equalTo("urn:pdx:problem:oidc.login"));
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        anyone().header(HEADER, forged).body(application()).post(APPLICATIONS).then().statusCode(401);
        Map<String, Object> named = application();
        named.put("name", "王芳");
        anyone().header(HEADER, genuine).body(named).post(APPLICATIONS).then().statusCode(400).body("field", equalTo("name"));
        anyone().header(HEADER, forged).get(APPLICATIONS).then().statusCode(401);
        assertEquals(before, snapshot(sql));
    }

    private Map<String, Object> application() {
        Map<String, Object> m = new HashMap<>();
        m.put("contact", "13800005678");
        m.put("resource", CODE);
        m.put("fields", List.of("uscc"));
        m.put("purpose", "个人信用修复");
        return m;
    }

    /** An ID token for the test person, as the platform issues it to client {@code clientId}. */
    private String idToken(String clientId, String secret) throws Exception {
        Map<String, String> form = Map.of("grant_type", "password", "client_id", clientId, "client_secret", secret, "scope", "openid",
                "username", "wang.fang", "password", "wang-fang-oidc-2026");
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(issuer.orElseThrow()
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body()).path("id_token").asText();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> claims(String token) throws Exception {
        return json.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
    }
}
