package org.pdxhub.hub.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.organisation.Organisations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the identity an OpenID Connect provider vouched for (its ID token, already checked by quarkus-oidc
 * for signature, issuer, audience, expiry and nonce) into a console account: the organisation and the
 * roles come from configured claims, and only those this node allows are taken.
 */
@ApplicationScoped
public class ProviderLogins {

    static final String USERNAME_PREFIX = "oidc-";
    private static final Pattern PLAIN_SUBJECT = Pattern.compile("[a-z0-9._-]{1,59}");
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[\\s,]+");

    /** What the provider said about the person, by claim. */
    public record Vouched(String subject, String name, Object organisationClaim, Object rolesClaim) {
    }

    @Inject
    ConsoleConfig config;

    @Inject
    Accounts accounts;

    @Inject
    Organisations organisations;

    public boolean enabled() {
        return config.oidc().authServerUrl().filter(url -> !url.isBlank()).isPresent();
    }

    public String providerName() {
        return config.oidc().providerName();
    }

    public String organisationClaim() {
        return config.oidc().organisationClaim();
    }

    public String rolesClaim() {
        return config.oidc().rolesClaim();
    }

    /** The account of the person the provider vouched for, kept in step with its claims; refused when the claims are not allowed here. */
    public Account accept(Vouched person) {
        if (person.subject() == null || person.subject().isBlank()) {
            throw ProblemException.forbidden("oidc.subject", "the identity provider's token names no subject (sub)");
        }
        ConsoleConfig.Oidc oidc = config.oidc();
        String organisation = organisation(person.organisationClaim(), oidc.organisationClaim());
        if (oidc.organisations().map(allowed -> !allowed.contains(organisation)).orElse(false)
                || organisations.find(organisation).isEmpty()) {
            throw ProblemException.forbidden("oidc.organisation", "the identity provider names the organisation " + organisation
                    + " in its claim " + oidc.organisationClaim() + ", for which this node does not accept its word:"
                    + " an administrator lists the organisations in pdx.console.oidc.organisations (and registers them)");
        }
        Set<Role> roles = roles(person.rolesClaim());
        if (roles.isEmpty()) {
            throw ProblemException.forbidden("oidc.roles", "the identity provider grants this person none of the roles this node"
                    + " accepts from it (" + oidc.roles() + ") in its claim " + oidc.rolesClaim());
        }
        String name = person.name() == null || person.name().isBlank() ? person.subject() : person.name().strip();
        return accounts.fromProvider(username(person.subject()), organisation, name.length() > 100 ? name.substring(0, 100) : name, roles);
    }

    /**
     * A stable username for the provider's subject. A subject already made of username characters
     * is kept readable; any other (mixed case, long) is hashed, so two subjects never share one.
     */
    static String username(String subject) {
        if (PLAIN_SUBJECT.matcher(subject).matches()) {
            return USERNAME_PREFIX + subject;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return USERNAME_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String organisation(Object claim, String claimName) {
        List<String> values = values(claim);
        if (values.size() != 1) {
            throw ProblemException.forbidden("oidc.organisation", "the identity provider's claim " + claimName + " must name exactly"
                    + " one organisation (its unified social credit code); it names " + values.size());
        }
        return values.get(0);
    }

    private Set<Role> roles(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Set<String> allowed = config.oidc().roles();
        for (String value : values(claim)) {
            for (Role r : Role.values()) {
                // Systems hold API keys; a person never gets the SYSTEM role, whatever the provider says.
                if (r != Role.SYSTEM && r.name().equals(value) && allowed.contains(r.name())) {
                    roles.add(r);
                }
            }
        }
        return roles;
    }

    private static List<String> values(Object claim) {
        if (claim instanceof Collection<?> many) {
            return many.stream().map(v -> unquoted(String.valueOf(v))).filter(v -> !v.isBlank()).toList();
        }
        if (claim == null) {
            return List.of();
        }
        return LIST_SEPARATORS.splitAsStream(unquoted(String.valueOf(claim))).filter(v -> !v.isBlank()).toList();
    }

    /** JSON string values of a token's array claim arrive quoted. */
    private static String unquoted(String v) {
        String s = v.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
