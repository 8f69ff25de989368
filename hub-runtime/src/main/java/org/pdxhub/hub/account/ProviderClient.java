package org.pdxhub.hub.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.pdxhub.hub.api.ProblemException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The identity platform's ID token that a natural person presents with an open-data application (not a
 * login: the console's login is quarkus-oidc's code flow, {@link ConsoleOidcTenant}). quarkus-oidc verifies
 * tokens only for tenants it knows by name, and the console's tenant is made at run time, so this check stays
 * here: signature against the provider's published keys, issuer, audience (this client) and expiry, by the
 * node's clock, so that a token for another client or from another issuer is refused.
 */
@ApplicationScoped
public class ProviderClient {

    /** The provider's issuer and keys, read once from its discovery document. */
    record Endpoints(String issuer, HttpsJwks keys) {
    }

    @Inject
    ConsoleConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile Endpoints endpoints;

    /**
     * The claims of an ID token the provider issued to this node's client and a person presents
     * on their own (a natural person applying for open data): signature, issuer, audience and
     * expiry are checked as at login; there is no nonce, as this node started no login for it.
     */
    public JwtClaims vouchedFor(String idToken) {
        return checked(idToken, endpoints());
    }

    private JwtClaims checked(String idToken, Endpoints provider) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime().setRequireIssuedAt().setRequireSubject().setAllowedClockSkewInSeconds(60)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setExpectedIssuer(provider.issuer()).setExpectedAudience(config.oidc().clientId())
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(provider.keys()))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256,
                        AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                .build();
        try {
            return consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            // jose4j's messages may quote the whole token, personal claims included: only the reason is kept.
            throw refused("the identity provider's ID token was refused: " + e.getErrorDetails().stream()
                    .map(d -> d.getErrorMessage().replaceAll(":? ?JsonWebSignature\\{.*", "").replaceAll("eyJ[A-Za-z0-9_.-]+", "…"))
                    .collect(Collectors.joining("; ")));
        }
    }

    /** The issuer the provider's tokens name. */
    public String issuer() {
        return endpoints().issuer();
    }

    private Endpoints endpoints() {
        if (endpoints == null) {
            String issuer = config.oidc().authServerUrl().orElseThrow();
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(20)).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw refused("the identity provider's discovery document answered HTTP " + answer.statusCode()
                            + ": check pdx.console.oidc.auth-server-url");
                }
                JsonNode d = json.readTree(answer.body());
                // The discovery document must name the issuer it was read from (OpenID Connect Discovery 1.0, 4.3).
                if (!issuer.equals(d.path("issuer").asText())) {
                    throw refused("the identity provider's discovery document names the issuer " + d.path("issuer").asText()
                            + ", not " + issuer + " (pdx.console.oidc.auth-server-url)");
                }
                endpoints = new Endpoints(issuer, new HttpsJwks(d.path("jwks_uri").asText()));
            } catch (IOException e) {
                throw refused("the identity provider could not be reached: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused("the login was interrupted");
            }
        }
        return endpoints;
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(401, "oidc.login", "Login refused", detail, null);
    }
}
