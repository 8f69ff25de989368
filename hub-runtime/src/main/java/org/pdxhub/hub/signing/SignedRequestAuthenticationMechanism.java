package org.pdxhub.hub.signing;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code Pdx-*} signature headers. A request with none of them is left to the Bearer
 * mechanism; one with some but not all is refused here, naming what is missing. The body's
 * digest is compared with {@code Pdx-Content-SHA256} by {@link BodyDigestCheck} when the
 * endpoint reads the body, since authentication runs before the body arrives.
 */
@ApplicationScoped
public class SignedRequestAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    MeterRegistry metrics;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        HttpServerRequest http = context.request();
        List<String> present = Signature.HEADERS.stream().filter(h -> http.getHeader(h) != null).toList();
        if (present.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        List<String> missing = Signature.HEADERS.stream().filter(h -> !present.contains(h)).toList();
        if (!missing.isEmpty()) {
            return refuse(new SignatureRefused("signing.headers-incomplete", missing.get(0),
                    "a signed request carries all of " + String.join(", ", Signature.HEADERS) + "; this one lacks "
                            + String.join(", ", missing) + " (or send none of them and 'Authorization: Bearer <key>' instead)"));
        }
        // Two values of one header leave it open which one was verified and which one is acted on.
        var repeated = Signature.HEADERS.stream().filter(h -> http.headers().getAll(h).size() > 1).findFirst();
        if (repeated.isPresent()) {
            return refuse(new SignatureRefused("signing.headers-repeated", repeated.get(),
                    repeated.get() + " is sent more than once: send each signature header exactly once"));
        }
        var request = new SignedRequest(http.method().name(), Signature.pathAndQuery(http.path(), http.query()),
                http.getHeader(Signature.KEY_ID).trim(), http.getHeader(Signature.TIMESTAMP).trim(), http.getHeader(Signature.NONCE).trim(),
                http.getHeader(Signature.CONTENT_SHA256).trim(), http.getHeader(Signature.SIGNATURE).trim());
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    private Uni<SecurityIdentity> refuse(SignatureRefused refused) {
        SignedRequestIdentityProvider.count(metrics, refused.rule());
        return Uni.createFrom().failure(refused);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "PDX-HMAC-SHA256"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SignedRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, Signature.SIGNATURE));
    }

    /** Before the Bearer mechanism, so that a request that says it is signed is judged by its signature. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
