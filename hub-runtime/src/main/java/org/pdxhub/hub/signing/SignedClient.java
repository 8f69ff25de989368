package org.pdxhub.hub.signing;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pdxhub.hub.store.TimeOrderedIds;

/**
 * Sends signed requests to a peer node (its key from {@code pdx.signing.peers.<peer>}). Retries
 * with exponential back-off on IO errors, 5xx and 429, never on another 4xx: the peer has read
 * and refused those, and would refuse them again. Every attempt is signed afresh (new
 * timestamp, new nonce, so the peer's replay protection does not refuse a retry), and every
 * attempt carries the same {@code Pdx-Message-Id}, so a peer that took an attempt whose answer
 * was lost lands the message once.
 * <p>
 * Retries have one owner. On a thread that holds a broker transaction (a transacted consumer:
 * a link's queue, a route), a request is tried once whichever method is called, and a failure
 * rolls the delivery back: the broker's redelivery with back-off (address settings) is the one
 * place it is tried again, and no consumer waits in a sleep while holding its messages. Only a
 * call outside a transaction (a REST handler, a scheduled job) is retried here, boundedly.
 */
@ApplicationScoped
public class SignedClient {

    private static final Logger LOG = Logger.getLogger(SignedClient.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Headers java.net.http sets itself and refuses from callers; the signature headers are ours to set. */
    private static final Set<String> NOT_PASSED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "pdx-key-id", "pdx-timestamp", "pdx-nonce", "pdx-content-sha256", "pdx-signature", "pdx-message-id");

    /** The peer's last answer, and how many attempts it took. */
    public record Response(int status, HttpHeaders headers, byte[] body, int attempts, String messageId) {

        public boolean successful() {
            return status >= 200 && status < 300;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Every attempt failed without an answer (connection refused, timeout, reset). */
    public static class PeerUnreachable extends RuntimeException {
        private final int attempts;

        PeerUnreachable(String peerId, URI uri, int attempts, Exception last) {
            super("peer '" + peerId + "' at " + uri + " did not answer after " + attempts + " attempt(s): " + last, last);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    TlsConfigurationRegistry tlsRegistry;

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * Signs and sends one request, retrying as the peer's settings say.
     *
     * @param peerId  the link id whose key signs ({@code pdx.signing.peers.<peerId>})
     * @param base    the peer's address, e.g. {@code http://127.0.0.1:8080}; a path in it is kept as a prefix
     * @param path    the path and query from the base, e.g. {@code /api/v1/exchange/GZ-PSB-POP-001/records}
     * @param body    the exact bytes to send, or null for none
     * @param headers further headers ({@code Content-Type}, {@code Pdx-Person}, ...), non-ASCII values
     *                percent-encoded; a {@code Pdx-Message-Id} here is kept, otherwise one is made
     * @return the answer of the last attempt: a success, a 4xx, or a 5xx/429 once attempts ran out
     * @throws PeerUnreachable when no attempt got an answer
     */
    public Response send(String peerId, URI base, String method, String path, byte[] body, Map<String, String> headers) {
        return send(peerId, base, method, path, body, headers, false);
    }

    /**
     * Signs and sends one request, once: for a caller whose message the broker redelivers with
     * back-off (a link's queue), so that a failure is retried in one place, not per delivery too.
     *
     * @return the answer: a success, a 4xx, or a 5xx/429
     * @throws PeerUnreachable when the attempt got no answer
     */
    public Response sendOnce(String peerId, URI base, String method, String path, byte[] body, Map<String, String> headers) {
        return send(peerId, base, method, path, body, headers, true);
    }

    private Response send(String peerId, URI base, String method, String path, byte[] body, Map<String, String> headers, boolean once) {
        SigningKeys.Outbound peer = keys.outbound(peerId).orElseThrow(() -> new IllegalArgumentException(
                "no signing key for peer '" + peerId + "': configure pdx.signing.peers." + peerId + ".key-id and .secret"));
        SigningConfig.Peer settings = peer.settings();
        int attempts = once || inBrokerTransaction() ? 1 : settings.attempts();
        URI uri = resolve(base, path);
        byte[] content = body == null ? new byte[0] : body;
        String contentSha256 = Signature.contentSha256(content);
        String messageId = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(Signature.MESSAGE_ID))
                .map(Map.Entry::getValue).findFirst().orElseGet(TimeOrderedIds::next);
        HttpClient client = clients.computeIfAbsent(peerId, id -> httpClient(id, uri, settings));

        Exception lastError = null;
        HttpResponse<byte[]> last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                metrics.counter("pdx.signed.request.retries", "peer", peerId).increment();
                pause(backoff(settings, attempt, last));
            }
            HttpRequest request = signed(peer, uri, method, content, contentSha256, messageId, headers);
            try {
                last = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                lastError = null;
                int status = last.statusCode();
                if (status < 500 && status != 429) {
                    count(peerId, status < 400 ? "ok" : "refused");
                    return new Response(status, last.headers(), last.body(), attempt, messageId);
                }
                LOG.debugf("Peer %s answered %d to %s %s (attempt %d of %d, message %s)", peerId, status, method, uri.getRawPath(),
                        attempt, attempts, messageId);
            } catch (IOException e) {
                lastError = e;
                last = null;
                LOG.debugf("Peer %s unreachable for %s %s (attempt %d of %d, message %s): %s", peerId, method, uri.getRawPath(),
                        attempt, attempts, messageId, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerUnreachable(peerId, uri, attempt, e);
            }
        }
        if (last != null) {
            count(peerId, "failed");
            return new Response(last.statusCode(), last.headers(), last.body(), attempts, messageId);
        }
        count(peerId, "unreachable");
        throw new PeerUnreachable(peerId, uri, attempts, lastError);
    }

    /**
     * The signature headers of one request to a peer, for a sender other than this client (a
     * route's HTTP step): a fresh timestamp and nonce each call, so a retry is signed afresh.
     *
     * @param pathAndQuery the raw path and query as the peer receives them, e.g. {@code /pdx/returns?v=1}
     */
    public Map<String, String> signatureHeaders(String peerId, String method, String pathAndQuery, byte[] body) {
        SigningKeys.Outbound peer = keys.outbound(peerId).orElseThrow(() -> new IllegalArgumentException(
                "no signing key for peer '" + peerId + "': configure pdx.signing.peers." + peerId + ".key-id and .secret"));
        String contentSha256 = Signature.contentSha256(body == null ? new byte[0] : body);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonce();
        return Map.of(Signature.KEY_ID, peer.keyId(), Signature.TIMESTAMP, timestamp, Signature.NONCE, nonce,
                Signature.CONTENT_SHA256, contentSha256,
                Signature.SIGNATURE, Signature.sign(peer.secret(), method.toUpperCase(Locale.ROOT), pathAndQuery, timestamp, nonce, contentSha256));
    }

    /** Whether a signing key for this peer is configured. */
    public boolean knows(String peerId) {
        return keys.outbound(peerId).isPresent();
    }

    private HttpClient httpClient(String peerId, URI uri, SigningConfig.Peer settings) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            tls(peerId, settings).ifPresent(builder::sslContext);
        }
        return builder.build();
    }

    /** The TLS registry's named or default configuration as an SSL context; none configured keeps the JVM's. */
    private Optional<SSLContext> tls(String peerId, SigningConfig.Peer settings) {
        Optional<TlsConfiguration> configuration = settings.tlsConfigurationName().isPresent()
                ? Optional.of(named(peerId, settings.tlsConfigurationName().get()))
                : tlsRegistry.getDefault().filter(c -> c.getTrustStore() != null || c.getKeyStore() != null);
        if (configuration.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(configuration.get().createSSLContext());
        } catch (Exception e) {
            throw new IllegalStateException("the TLS configuration for peer '" + peerId + "' cannot be used: " + e.getMessage(), e);
        }
    }

    private TlsConfiguration named(String peerId, String name) {
        return tlsRegistry.get(name).orElseThrow(() -> new IllegalStateException("pdx.signing.peers." + peerId
                + ".tls-configuration-name names '" + name + "', which is not configured: add quarkus.tls." + name + ".trust-store.*"));
    }

    private HttpRequest signed(SigningKeys.Outbound peer, URI uri, String method, byte[] content, String contentSha256,
                               String messageId, Map<String, String> headers) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonce();
        String signature = Signature.sign(peer.secret(), method, Signature.pathAndQuery(uri.getRawPath(), uri.getRawQuery()),
                timestamp, nonce, contentSha256);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(peer.settings().requestTimeout())
                .method(method.toUpperCase(Locale.ROOT),
                        content.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(content))
                .header(Signature.KEY_ID, peer.keyId())
                .header(Signature.TIMESTAMP, timestamp)
                .header(Signature.NONCE, nonce)
                .header(Signature.CONTENT_SHA256, contentSha256)
                .header(Signature.SIGNATURE, signature)
                .header(Signature.MESSAGE_ID, messageId);
        boolean typed = false;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_PASSED.contains(name)) {
                request.header(h.getKey(), headerValue(h.getValue()));
                typed |= name.equals("content-type");
            }
        }
        if (!typed && content.length > 0) {
            request.header("Content-Type", "application/json");
        }
        return request.build();
    }

    /**
     * java.net.http sends header values as ASCII only; a person or purpose in Chinese goes
     * percent-encoded UTF-8, which the node decodes (envelope.PdxHeaderDecoding).
     */
    static String headerValue(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return value;
        }
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Doubles from the initial back-off, capped; a peer's Retry-After (seconds) is honoured up to the cap. */
    static Duration backoff(SigningConfig.Peer settings, int attempt, HttpResponse<?> last) {
        long millis = settings.initialBackoff().toMillis() << Math.min(attempt - 2, 30);
        Duration wait = Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
        if (last != null) {
            var retryAfter = last.headers().firstValue("Retry-After");
            if (retryAfter.isPresent() && retryAfter.get().matches("\\d{1,6}")) {
                Duration asked = Duration.ofSeconds(Long.parseLong(retryAfter.get()));
                wait = asked.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : (asked.compareTo(wait) > 0 ? asked : wait);
            }
        }
        return wait;
    }

    private static URI resolve(URI base, String path) {
        String prefix = base.toString().replaceAll("/+$", "");
        return URI.create(prefix + (path.startsWith("/") ? path : "/" + path));
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    /**
     * Whether this thread consumes in a broker transaction: Spring's listener containers (under
     * camel-jms) and the node's batch ingest bind the session to the thread while a delivery runs.
     */
    static boolean inBrokerTransaction() {
        return TransactionSynchronizationManager.getResourceMap().values().stream().anyMatch(JmsResourceHolder.class::isInstance);
    }

    private void count(String peerId, String outcome) {
        metrics.counter("pdx.signed.requests", "peer", peerId, "outcome", outcome).increment();
    }
}
