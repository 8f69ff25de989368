package org.pdxhub.hub.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.core.remoting.CertificateUtil;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.NoCacheLoginException;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.jboss.logging.Logger;
import org.pdxhub.broker.ValidatedSender;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.node.HubConfig;

import javax.security.auth.Subject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Users and rights of the embedded broker. A department system logs in with its organisation's
 * USCC as user name and one of that organisation's SYSTEM API keys as password (the key is checked
 * against the digests in the store, as on REST); what it may then do on each address is decided by
 * {@link AddressRules}. The node's own in-VM connections use an internal user whose password is
 * drawn at start and kept in memory only; it may do everything.
 * <p>
 * Artemis calls this on its own threads, outside any Quarkus request context: only application
 * scoped beans are used, looked up when first needed. Artemis caches rights for
 * {@code security-invalidation-interval} (10 s), so a resource is not looked up per message, and a
 * retired resource stops working within that time. Logins are not cached ({@link EmbeddedBroker}):
 * each one is counted, and failed ones are limited per user and remote address ({@link LoginThrottle}).
 */
@Singleton
public class BrokerSecurity implements ActiveMQSecurityManager5 {

    private static final Logger LOG = Logger.getLogger(BrokerSecurity.class);

    /** The node's own user; not of the form of a USCC, so no organisation can be called that. */
    public static final String NODE_USER = "pdx-node";

    /**
     * The user of the node's routes files ({@code <config>/routes/*.yaml}): in-VM only, with the
     * rights {@link AddressRules#decideForRoutes} gives, so that a route that slipped past the
     * route check still cannot write where gated data goes.
     */
    public static final String ROUTES_USER = "pdx-routes";

    /** The message property in which the broker hands over the user it authenticated as sender ({@link ValidatedSender}). */
    public static final String SENDER_HEADER = ValidatedSender.HEADER;

    private static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Provider<ApiKeys> apiKeys;

    @Inject
    Provider<ResourceProviders> providers;

    @Inject
    Provider<VerificationHolders> verificationHolders;

    @Inject
    HubConfig hub;

    @Inject
    BrokerTlsConfig tls;

    @Inject
    LoginFailuresConfig loginFailures;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private final String nodePassword = randomSecret();
    private final String routesPassword = randomSecret();
    /** The broker's own cluster user bypasses every check; its password must not be the well-known default. */
    private final String clusterPassword = randomSecret();
    private volatile AddressRules rules;
    private volatile LoginThrottle throttle;
    private volatile boolean started;
    private volatile String externalNodeUser;

    /** At start, once the seed's keys are in the store. */
    public void acceptLogins() {
        started = true;
    }

    /**
     * The organisation that sent a message, from the user the broker stamped on it; null when the
     * node itself sent it (its in-VM users, or its login on an external broker), or nobody authenticated.
     */
    public String senderOrganisation(String validatedUser) {
        return validatedUser == null || validatedUser.isBlank() || NODE_USER.equals(validatedUser) || ROUTES_USER.equals(validatedUser)
                || validatedUser.equals(externalNodeUser) ? null : validatedUser;
    }

    /** The node's login on an external broker, as that broker stamps it ({@link BrokerStampCheck}); set before any consumer starts. */
    void externalNodeUser(String user) {
        externalNodeUser = user;
    }

    /** Whether a user name has the form of an organisation's code (a USCC). */
    static boolean looksLikeOrganisation(String user) {
        return USCC.matcher(user).matches();
    }

    public String nodeUser() {
        return NODE_USER;
    }

    public String nodePassword() {
        return nodePassword;
    }

    public String routesPassword() {
        return routesPassword;
    }

    String clusterPassword() {
        return clusterPassword;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain)
            throws NoCacheLoginException {
        String from = remoteHost(connection);
        if (!started && !NODE_USER.equals(user)) {
            // Keys are provisioned from the seed after the broker is up (Camel needs it first): a
            // login in between is neither checked nor counted, so a peer's bridge is not locked out.
            throw new NoCacheLoginException("the node is starting; try again");
        }
        Optional<Instant> locked = throttle().lockedUntil(user, from);
        if (locked.isPresent()) {
            // Not even the key is looked at: a guess during the lock-out learns nothing.
            return refused("locked-out");
        }
        Subject subject = check(user, password, connection);
        if (subject != null) {
            throttle().succeeded(user, from);
            return subject;
        }
        throttle().failed(user, from).ifPresent(lockout -> LOG.warnf(
                "Broker logins %s refused until %s (broker.auth.locked-out): %d failed logins within %d s; later attempts are"
                        + " refused without checking the key (pdx.broker.login-failures.*)",
                lockout.scope() == LoginThrottle.Scope.ADDRESS ? "from " + from + " (any user)" : "of " + printable(user) + " from " + from,
                lockout.until(), lockout.failures(), lockout.window().toSeconds()));
        return null;
    }

    /** The login itself: null when refused (logged and counted with its reason). */
    private Subject check(String user, String password, RemotingConnection connection) throws NoCacheLoginException {
        if (user == null || password == null) {
            LOG.info("Broker login refused (broker.auth.anonymous): no user name and key given");
            return refused("anonymous");
        }
        if (NODE_USER.equals(user)) {
            boolean inVm = connection != null && connection.getTransportConnection() instanceof InVMConnection;
            if (!inVm || !MessageDigest.isEqual(nodePassword.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
                LOG.warn("Broker login refused (broker.auth.node-user): the node's own user logs in only in-VM, with its own password");
                return refused("node-user");
            }
            return subject(BrokerUser.node(NODE_USER));
        }
        if (ROUTES_USER.equals(user)) {
            boolean inVm = connection != null && connection.getTransportConnection() instanceof InVMConnection;
            if (!inVm || !MessageDigest.isEqual(routesPassword.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
                LOG.warn("Broker login refused (broker.auth.routes-user): the routes' user logs in only in-VM, with its own password");
                return refused("routes-user");
            }
            return subject(BrokerUser.routes(ROUTES_USER));
        }
        X509Certificate[] certificates = connection == null ? null : CertificateUtil.getCertsFromConnection(connection);
        if (certificates != null && certificates.length > 0 && tls.certificateNamesUser()
                && !ClientCertificates.names(certificates[0], user)) {
            LOG.infof("Broker login of %s refused (broker.auth.certificate-mismatch): the client certificate does not name"
                    + " that organisation in its subject", printable(user));
            return refused("certificate-mismatch");
        }
        Optional<Caller> caller;
        try {
            caller = apiKeys.get().authenticate(password);
        } catch (RuntimeException e) {
            // Not cached by Artemis: the next attempt asks the store again.
            LOG.warnf("Broker login of %s not checked: the store cannot be read (%s)", printable(user), e.getClass().getSimpleName());
            throw new NoCacheLoginException("the node cannot check keys right now; try again");
        }
        if (caller.isEmpty()) {
            LOG.infof("Broker login of %s refused (broker.auth.unknown-key): the key is unknown or revoked", printable(user));
            return refused("unknown-key");
        }
        Caller c = caller.get();
        if (!c.organisation().equals(user)) {
            LOG.infof("Broker login of %s refused (broker.auth.other-organisation): key %s belongs to another organisation",
                    printable(user), c.keyId());
            return refused("other-organisation");
        }
        if (!c.has(org.pdxhub.hub.access.Role.SYSTEM)) {
            // Only SYSTEM keys: Artemis caches rights per user name, which all keys of one organisation share.
            LOG.infof("Broker login of %s refused (broker.auth.not-system): key %s is not a SYSTEM key", user, c.keyId());
            return refused("not-system");
        }
        return subject(new BrokerUser(user, c.organisation(), c.keyId()));
    }

    private Subject refused(String reason) {
        metrics.counter("pdx.broker.login.refused", "reason", reason).increment();
        return null;
    }

    private LoginThrottle throttle() {
        LoginThrottle t = throttle;
        if (t == null) {
            synchronized (this) {
                if (throttle == null) {
                    throttle = new LoginThrottle(loginFailures, clock);
                }
                t = throttle;
            }
        }
        return t;
    }

    /** The client's host without its port ({@code /10.1.2.3:51234} gives {@code 10.1.2.3}); in-VM connections share one. */
    static String remoteHost(RemotingConnection connection) {
        String remote = connection == null ? null : connection.getRemoteAddress();
        if (remote == null || remote.isBlank()) {
            return "unknown";
        }
        String host = remote.startsWith("/") ? remote.substring(1) : remote;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && colon < host.length() - 1 && host.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            host = host.substring(0, colon);
        }
        return host.replace("[", "").replace("]", "");
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        BrokerUser user = brokerUser(subject);
        if (user == null) {
            return false;
        }
        if (user.isNode()) {
            return true;
        }
        AddressRules.Decision decision = user.isRoutes() ? rules().decideForRoutes(checkType, address)
                : rules().decide(user.organisation(), checkType, address);
        if (decision.allowed()) {
            return true;
        }
        String who = user.isRoutes() ? "the node's routes files" : "organisation " + user.organisation();
        LOG.infof("Broker refused %s on %s to %s (%s)", checkType, address, who, decision.rule());
        // Artemis' own refusal names neither the rule nor what to change; its check passes a
        // security exception from here to the client unchanged (CORE and AMQP alike). Thrown,
        // not answered false: Artemis would then ask again about the bare address of a fully
        // qualified name, and the queue part would go unchecked.
        throw sneaky(new ActiveMQSecurityException(checkType + " on " + address + " refused for " + who
                + " (rule " + decision.rule() + "): " + decision.reason()));
    }

    @Override
    public String getUserFromSubject(Subject subject) {
        BrokerUser user = brokerUser(subject);
        return user == null ? null : user.name();
    }

    /** The older single-method API; Artemis uses {@link #authenticate} and {@link #authorize} when this interface is there. */
    @Override
    public boolean validateUser(String user, String password) {
        return false;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }

    private AddressRules rules() {
        AddressRules r = rules;
        if (r == null) {
            Set<String> linked = new HashSet<>();
            HubConfig.Node node = hub.node();
            Stream.concat(node.parent().stream(), node.children().stream())
                    .forEach(link -> link.organisation().ifPresent(linked::add));
            Set<String> linkedOrganisations = Set.copyOf(linked);
            r = new AddressRules(code -> providers.get().providerOf(code), () -> linkedOrganisations,
                    (organisation, code) -> verificationHolders.get().holdsLive(organisation, code));
            rules = r;
        }
        return r;
    }

    private static Subject subject(BrokerUser user) {
        return new Subject(true, Set.of(new UserPrincipal(user.name()), user), Set.of(), Set.of());
    }

    private static BrokerUser brokerUser(Subject subject) {
        if (subject == null) {
            return null;
        }
        return subject.getPrincipals(BrokerUser.class).stream().findFirst().orElse(null);
    }

    /** A user name is logged only when it has the form of a USCC, so a mistyped secret or person's name is not. */
    private static String printable(String user) {
        return USCC.matcher(user).matches() ? user : "a user that is not a USCC";
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
