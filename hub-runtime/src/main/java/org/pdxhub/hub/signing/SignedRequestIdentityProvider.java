package org.pdxhub.hub.signing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Checks a signed request, in the order that tells a caller the most useful thing first:
 * key, timestamp window, formats, signature, and last the nonce, so that only a request with
 * a valid signature can use up a nonce.
 */
@ApplicationScoped
public class SignedRequestIdentityProvider implements IdentityProvider<SignedRequest> {

    private static final Logger LOG = Logger.getLogger(SignedRequestIdentityProvider.class);
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{1,12}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9._~-]{16,128}");

    @Inject
    SigningKeys keys;

    @Inject
    NonceCache nonces;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Override
    public Class<SignedRequest> getRequestType() {
        return SignedRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SignedRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            try {
                Caller caller = verify(request);
                count("accepted");
                var identity = QuarkusSecurityIdentity.builder().setPrincipal(caller).addAttribute("pdx.signed", Boolean.TRUE);
                caller.roles().forEach(r -> identity.addRole(r.name()));
                return identity.build();
            } catch (SignatureRefused e) {
                count(e.rule());
                LOG.debugf("Signed request refused (%s) for key id %s: %s", e.rule(), request.keyId, e.getMessage());
                throw e;
            }
        });
    }

    Caller verify(SignedRequest r) {
        SigningKeys.Inbound key = keys.inbound(r.keyId).orElseThrow(() -> new SignatureRefused("signing.key-unknown", Signature.KEY_ID,
                "key id '" + r.keyId + "' is not known at this node: sign with a key id this node's operator configured (pdx.signing.keys.<id>)"));
        if (!EPOCH_SECONDS.matcher(r.timestamp).matches()) {
            throw new SignatureRefused("signing.timestamp-malformed", Signature.TIMESTAMP,
                    "Pdx-Timestamp must be Unix epoch seconds (as 'date +%s' prints), not '" + r.timestamp + "'");
        }
        long window = keys.clockSkew().toSeconds();
        Instant now = clock.instant();
        long skew = Long.parseLong(r.timestamp) - now.getEpochSecond();
        if (Math.abs(skew) > window) {
            throw new SignatureRefused("signing.timestamp-outside-window", Signature.TIMESTAMP,
                    "Pdx-Timestamp " + r.timestamp + " (" + Instant.ofEpochSecond(Long.parseLong(r.timestamp)) + ") is " + Math.abs(skew) + " s "
                            + (skew < 0 ? "behind" : "ahead of") + " this node's clock (" + now.getEpochSecond() + ", " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            + "); the window is ±" + window + " s: sign with the current time, and check the sender's clock (NTP)");
        }
        if (!HEX_SHA256.matcher(r.contentSha256).matches()) {
            throw new SignatureRefused("signing.content-sha256-malformed", Signature.CONTENT_SHA256,
                    "Pdx-Content-SHA256 must be the lowercase hex SHA-256 of the body (64 characters; of no body: " + Signature.EMPTY_SHA256 + ")");
        }
        if (!NONCE.matcher(r.nonce).matches()) {
            throw new SignatureRefused("signing.nonce-malformed", Signature.NONCE,
                    "Pdx-Nonce must be 16 to 128 characters of A-Z a-z 0-9 . _ ~ -, random for every request (e.g. openssl rand -hex 16)");
        }
        String expected = Signature.sign(key.secret(), r.method, r.pathAndQuery, r.timestamp, r.nonce, r.contentSha256);
        if (!Signature.matches(expected, r.signature)) {
            throw new SignatureRefused("signing.signature-mismatch", Signature.SIGNATURE,
                    "the signature does not match key '" + r.keyId + "': Pdx-Signature is the base64 HMAC-SHA256, with the key's secret, of '"
                            + Signature.canonical(r.method, r.pathAndQuery, r.timestamp, r.nonce, r.contentSha256).replace("\n", "\\n")
                            + "' (method, path?query as sent, timestamp, nonce, content SHA-256, joined by newlines)");
        }
        if (!nonces.firstUse(r.keyId, r.nonce, now.getEpochSecond())) {
            throw new SignatureRefused("signing.nonce-replayed", Signature.NONCE,
                    "nonce '" + r.nonce + "' was already used with key '" + r.keyId + "' within the last " + nonces.ttlSeconds()
                            + " s: this looks like a replay; send a fresh random nonce with every request, retries included");
        }
        return key.caller();
    }

    private void count(String outcome) {
        count(metrics, outcome);
    }

    /** {@code pdx_signed_requests_received_total{outcome}}: accepted, or the rule that refused. */
    static void count(MeterRegistry metrics, String outcome) {
        metrics.counter("pdx.signed.requests.received", "outcome", outcome).increment();
    }
}
