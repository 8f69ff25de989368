package org.pdxhub.hub.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.exchange.DocumentExchange;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.exchange.Datasets;
import org.pdxhub.hub.link.Recipients;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.signing.SignedClient;
import org.pdxhub.hub.verification.Verifier;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code pdx} component: how a node's routes files reach the node ({@link PdxEndpoint}).
 * A URI that names no kind, the wrong target, or an organisation this node does not serve is
 * refused when the route is loaded, with what to write instead.
 */
@Singleton
@Named("pdx")
public class PdxComponent extends DefaultComponent {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Inject
    ExchangeService exchange;

    @Inject
    Catalog catalog;

    @Inject
    Recipients recipients;

    @Inject
    RecordBodies bodies;

    @Inject
    Grants grants;

    @Inject
    Datasets datasets;

    @Inject
    SharePositions positions;

    @Inject
    Clock clock;

    @Inject
    DocumentExchange documents;

    @Inject
    SignedClient signed;

    @Inject
    ObjectMapper json;

    @Inject
    Verifier verifier;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int slash = remaining.indexOf('/');
        String name = slash < 0 ? remaining : remaining.substring(0, slash);
        String target = slash < 0 ? null : remaining.substring(slash + 1);
        PdxKind kind = PdxKind.of(name).orElseThrow(() -> new IllegalArgumentException("'" + uri + "' names no door of the node: use "
                + PdxKind.usage()));
        if (kind.target() == null && target != null) {
            throw new IllegalArgumentException("'" + uri + "': pdx:" + kind.scheme() + " takes nothing after it");
        }
        if (kind.target() != null && (target == null || target.isBlank())) {
            throw new IllegalArgumentException("'" + uri + "': write pdx:" + kind.scheme() + "/{" + kind.target() + "}");
        }
        if ((kind == PdxKind.INGEST || kind == PdxKind.SHARE || kind == PdxKind.DOCUMENT || kind == PdxKind.VERIFY)
                && !CODE.matcher(target).matches()) {
            throw new IllegalArgumentException("'" + uri + "': '" + target + "' is not a resource code");
        }
        if (kind == PdxKind.RETURN) {
            servedHere(uri, target);
        }
        PdxEndpoint endpoint = new PdxEndpoint(uri, this, kind, target);
        setProperties(endpoint, parameters);
        if (kind == PdxKind.SHARE) {
            subscribable(uri, endpoint);
        }
        if (kind == PdxKind.SIGN) {
            signable(uri, endpoint);
        }
        if (kind == PdxKind.VERIFY) {
            verifiable(uri, endpoint);
        }
        return endpoint;
    }

    /** Deliveries to an organisation reached through a child link go down that link, never out of a route here. */
    private void servedHere(String uri, String uscc) {
        Recipients.Recipient recipient;
        try {
            recipient = recipients.require(uscc, "pdx:return/{uscc}");
        } catch (ProblemException e) {
            throw new IllegalArgumentException("'" + uri + "': " + e.getMessage(), e);
        }
        recipient.through().ifPresent(link -> {
            throw new IllegalArgumentException("'" + uri + "': records for " + uscc + " travel down the link to " + link.id()
                    + "; deliver them with a route on that node");
        });
    }

    /**
     * A subscription is the grant's: its holder is served here and holds a live grant on the
     * resource when the route is loaded, a person answers for the reads, and the purpose is the grant's.
     */
    private void subscribable(String uri, PdxEndpoint endpoint) {
        String code = endpoint.getTarget();
        String holder = endpoint.getHolder();
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("'" + uri + "': write pdx:share/" + code + "?holder={uscc}&person=..., holder being the"
                    + " organisation served here that holds a grant on " + code);
        }
        if (endpoint.getPerson() == null || endpoint.getPerson().isBlank()) {
            throw new IllegalArgumentException("'" + uri + "': add person=... (who reads, for the usage log, art. 19)");
        }
        if (endpoint.getPurpose() != null) {
            throw new IllegalArgumentException("'" + uri + "': remove purpose; the records are read for the purpose their grant was given for");
        }
        if (endpoint.getMaxRecords() < 1 || endpoint.getMaxRecords() > 100_000) {
            throw new IllegalArgumentException("'" + uri + "': maxRecords must be 1 to 100000, not " + endpoint.getMaxRecords());
        }
        if (endpoint.getDelay() < 100) {
            throw new IllegalArgumentException("'" + uri + "': delay must be at least 100 (milliseconds), not " + endpoint.getDelay());
        }
        servedHere(uri, holder);
        if (catalog.publishedSpec(code).isEmpty()) {
            throw new IllegalArgumentException("'" + uri + "': no published resource '" + code + "'");
        }
        Instant now = clock.instant();
        Grant grant = grants.bestFor(holder, code, now).orElseThrow(() -> new IllegalArgumentException("'" + uri + "': organisation "
                + holder + " holds no grant for " + code + "; request it with POST /api/v1/share-requests"));
        String state = grant.stateAt(now);
        if (!"LIVE".equals(state)) {
            throw new IllegalArgumentException("'" + uri + "': grant " + grant.id() + " of " + holder + " for " + code + " is " + state
                    + ("REVOKED".equals(state) ? "" : " (valid " + grant.validFrom() + " to " + grant.validTo() + ")")
                    + "; nothing is delivered without a live grant");
        }
    }

    /**
     * Verification is the holder's: it is served here and holds a live verification grant on the
     * resource when the route is loaded (the grant is checked again on every call), and a person
     * answers for the calls.
     */
    private void verifiable(String uri, PdxEndpoint endpoint) {
        String code = endpoint.getTarget();
        String holder = endpoint.getHolder();
        if (holder == null || holder.isBlank()) {
            throw new IllegalArgumentException("'" + uri + "': write pdx:verify/" + code + "?holder={uscc}&person=..., holder being the"
                    + " organisation served here that holds a verification grant on " + code);
        }
        if (endpoint.getPerson() == null || endpoint.getPerson().isBlank()) {
            throw new IllegalArgumentException("'" + uri + "': add person=... (who verifies, for the usage log, art. 19)");
        }
        servedHere(uri, holder);
        if (catalog.publishedSpec(code).isEmpty()) {
            throw new IllegalArgumentException("'" + uri + "': no published resource '" + code + "'");
        }
        Instant now = clock.instant();
        if (grants.bestFor(holder, code, now, GrantSource.VERIFICATION_REQUEST).filter(g -> "LIVE".equals(g.stateAt(now))).isEmpty()) {
            throw new IllegalArgumentException("'" + uri + "': organisation " + holder + " holds no live verification grant for " + code
                    + "; ask for one with POST /api/v1/verification-requests");
        }
    }

    private void signable(String uri, PdxEndpoint endpoint) {
        if (!signed.knows(endpoint.getTarget())) {
            throw new IllegalArgumentException("'" + uri + "': no signing key for peer '" + endpoint.getTarget() + "': configure pdx.signing.peers."
                    + endpoint.getTarget() + ".key-id and .secret");
        }
        if (endpoint.getPath() == null || !endpoint.getPath().startsWith("/")) {
            throw new IllegalArgumentException("'" + uri + "': add path=/... (the path and query the HTTP step sends to, which the signature covers)");
        }
        if (!Set.of("POST", "PUT", "PATCH").contains(endpoint.getMethod())) {
            throw new IllegalArgumentException("'" + uri + "': method is POST, PUT or PATCH, not " + endpoint.getMethod());
        }
    }
}
