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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console as an OpenID Connect relying party (authorization code flow, confidential client).
 * The provider is found by its discovery document; its ID token is checked with jose4j: signature
 * against the provider's published keys, issuer, audience (this client), expiry, and the nonce this
 * login sent, so that a token from another login, another client or another issuer is refused.
 */
@ApplicationScoped
public class ProviderClient {

    /** The provider's endpoints, read once from its discovery document. */
    record Endpoints(String issuer, URI authorization, URI token, HttpsJwks keys) {
    }

    /** A login on its way to the provider: what must come back with the person. */
    public record Pending(String state, String nonce, URI redirect) {

        public boolean stateMatches(String presented) {
            return presented != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        }
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

    /** Where the person is sent to log in. */
    public URI authorizationUri(Pending pending) {
        ConsoleConfig.Oidc oidc = config.oidc();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", oidc.clientId());
        query.put("redirect_uri", pending.redirect().toString());
        query.put("scope", "openid " + String.join(" ", oidc.scopes()));
        query.put("state", pending.state());
        query.put("nonce", pending.nonce());
        URI authorization = endpoints().authorization();
        return URI.create(authorization + (authorization.getQuery() == null ? "?" : "&") + form(query));
    }

    /** Exchanges the code for the provider's tokens and returns the ID token's claims, once they are checked. */
    public JwtClaims redeem(String code, Pending pending) {
        ConsoleConfig.Oidc oidc = config.oidc();
        Endpoints provider = endpoints();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", pending.redirect().toString());
        String basic = Base64.getEncoder().encodeToString((encode(oidc.clientId()) + ":" + encode(oidc.secret().orElse("")))
                .getBytes(StandardCharsets.UTF_8));
        JsonNode tokens;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(provider.token()).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw refused("the identity provider did not exchange the login's code (HTTP " + answer.statusCode()
                        + "): log in again; if it persists, check pdx.console.oidc.client-id and secret");
            }
            tokens = json.readTree(answer.body());
        } catch (IOException e) {
            throw refused("the identity provider could not be reached to finish the login: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused("the login was interrupted");
        }
        String idToken = tokens.path("id_token").asText("");
        if (idToken.isEmpty()) {
            throw refused("the identity provider answered without an ID token");
        }
        JwtClaims claims = checked(idToken, provider);
        Object nonce = claims.getClaimValue("nonce");
        if (nonce == null || !MessageDigest.isEqual(pending.nonce().getBytes(StandardCharsets.UTF_8),
                String.valueOf(nonce).getBytes(StandardCharsets.UTF_8))) {
            throw refused("the identity provider's ID token belongs to another login (its nonce differs): log in again");
        }
        return claims;
    }

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
                endpoints = new Endpoints(issuer, URI.create(d.path("authorization_endpoint").asText()),
                        URI.create(d.path("token_endpoint").asText()), new HttpsJwks(d.path("jwks_uri").asText()));
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

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
