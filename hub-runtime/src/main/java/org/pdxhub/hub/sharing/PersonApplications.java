package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jose4j.jwt.MalformedClaimException;
import org.pdxhub.hub.access.PublicTokens;
import org.pdxhub.hub.account.ProviderClient;
import org.pdxhub.hub.account.ProviderLogins;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.calendar.Deadlines;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.DataItem;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.Registry;


import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Open applications from natural persons (art. 26): no organisation, no key. A person logged in to
 * the identity platform (pdx.console.oidc.*) applies with its ID token, and the verified subject
 * is the applicant, kept as a digest and shown masked; otherwise the declared ID number is checked
 * and kept masked only, and the agency verifies the identity before the provider answers. The
 * person follows the application, and may dispute it, by a token returned once at filing, of
 * which the store keeps only the digest (or, with the platform's token, lists their own).
 */
@ApplicationScoped
public class PersonApplications {

    /** The header a person sends the identity platform's ID token in. */
    public static final String IDENTITY_HEADER = "Identity-Token";
    /** Who verified an identity the identity platform vouched for (identity_verified_by). */
    static final String IDENTITY_PLATFORM = "identity-platform";


    /** What a person states: who they are, how to reach them, what they need and why. */
    public record PersonAsk(String name, String idNumber, String contact, String resource, List<String> fields, String purpose,
                            String scenario) {
    }

    /** How the agency verified the identity, e.g. the ID card seen at the service hall. */
    public record Verification(String means) {
    }

    /** The application as the person sees it by token. */
    public record PersonView(String id, String status, String resource, Set<String> fields, String purpose, String idNumber,
                             boolean identityVerified, LocalDate submittedOn, LocalDate dueBy, boolean overdue, String decision,
                             String reason, String basis, String disputeDecision, String disputeComment, String token) {
    }

    @Inject
    RequestStore store;

    @Inject
    Requests requests;

    @Inject
    Catalog catalog;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Deadlines deadlines;

    @Inject
    Notifications notifications;

    @Inject
    Agency agency;

    @Inject
    Registry<IdentifierCheck> identifierChecks;

    @Inject
    Clock clock;

    @Inject
    ProviderLogins logins;

    @Inject
    ProviderClient provider;

    @Inject
    RelayedDecisions relayedDecisions;

    @Inject
    UsageLog usageLog;

    /** Files the application; the view carries the token, which is shown this once. */
    @Transactional
    public PersonView file(PersonAsk a) {
        return file(a, null);
    }

    /**
     * Files the application. With {@code identityToken}, an ID token of the identity platform
     * (pdx.console.oidc.*) the person logged in to, the platform's verified subject is the
     * applicant: no name or ID number is declared, the identity is verified at once and the
     * provider's days start today. Without it, the agency verifies the declared identity first.
     */
    @Transactional
    public PersonView file(PersonAsk a, String identityToken) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the application as JSON");
        }
        Vouched vouched = identityToken == null || identityToken.isBlank() ? null : vouched(identityToken.strip(), a);
        String name = vouched != null ? "identity-platform subject " + vouched.masked() : required(a.name(), "name", "your name as on your ID card");
        String idNumber = vouched != null ? null : required(a.idNumber(), "idNumber", "your 18-character citizen ID number");
        if (idNumber != null) {
            identifierChecks.get("citizen-id").problem(idNumber).ifPresent(p -> {
                throw ProblemException.badRequest("invalid-id-number", "idNumber", "idNumber is not a valid citizen ID number: " + p);
            });
        }
        String contact = required(a.contact(), "contact", "a telephone number or address where the answer reaches you");
        String code = required(a.resource(), "resource", "the code of a conditionally open catalog resource");
        CatalogResource r = catalog.find(code).filter(c -> c.status() == ResourceStatus.PUBLISHED)
                .orElseThrow(() -> new ProblemException(404, "resource.not-published", "Not found", "no published resource '" + code + "'",
                        "resource"));
        if (r.openType() != OpenType.CONDITIONAL) {
            throw ProblemException.badRequest("not-conditionally-open", "resource", code + " is " + r.openType() + " open:"
                    + (r.openType() == OpenType.UNCONDITIONAL ? " download it at /api/v1/open/resources/" + code + "/data" : " it is not opened"
                    + " (basis: " + r.openBasis() + "); ask for it with POST /api/v1/open/demands"));
        }
        Set<String> items = r.items().stream().map(DataItem::name).collect(Collectors.toSet());
        if (a.fields() == null || a.fields().isEmpty()) {
            throw ProblemException.badRequest("missing-field", "fields", "name the fields you need, only those (art. 26); " + code + " has " + items);
        }
        Set<String> fields = new LinkedHashSet<>();
        for (String f : a.fields()) {
            if (f == null || !items.contains(f.strip())) {
                throw ProblemException.badRequest("unknown-field", "fields", "'" + f + "' is not a data item of " + code + "; it has " + items);
            }
            fields.add(f.strip());
        }
        String purpose = required(a.purpose(), "purpose", "what the data will be used for (art. 26)");
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        LocalDate today = calendar.today();
        String id = TimeOrderedIds.next("OA-");
        String token = PublicTokens.issue();
        // The identity is verified first, by the agency; the provider's days start when it is.
        DataRequest req = DataRequest.personApplication(id, name, r.code(), r.provider(), fields, purpose, clean(a.scenario()), contact, today,
                now, calendar.addWorkingDays(today, deadlines.openApplication()), agency.uscc());
        store.insert(req);
        String applicant = vouched != null ? vouched.masked() : masked(idNumber);
        store.person(id, applicant, PublicTokens.digest(token));
        // Every use is logged with time, person and purpose (art. 19); the person only by the masked ID or subject.
        usageLog.append(UsageEntry.applied("natural person " + applicant, purpose, r.code(), Destination.OPEN.name(),
                String.join(",", fields), "open application " + id + " filed; identity " + (vouched != null
                        ? "vouched for by the identity platform" : "to be verified by the data agency " + agency.uscc())));
        if (vouched != null) {
            store.personSubject(id, vouched.digest());
            store.step(id, now, "SUBMITTED", "person", "fields " + fields + "; identity vouched for by the identity platform", req.dueBy());
            identityVerified(store.find(id).orElseThrow(), now, IDENTITY_PLATFORM, "subject " + vouched.masked() + " at " + vouched.issuer());
        } else {
            store.step(id, now, "SUBMITTED", "person", "fields " + fields + "; identity to be verified by the agency", req.dueBy());
            if (relayedDecisions.agencyElsewhere()) {
                relayedDecisions.sendIdentityCheck(req, new RelayedDecisions.Applicant(maskedName(name), applicant));
                return view(store.find(id).orElseThrow(), token);
            }
            notifications.tell("IDENTITY_VERIFICATION_DUE", id, RequestKind.OPEN_APPLICATION, r.code(), agency.uscc(), Role.SPECIALIST.name(),
                    req.dueBy(), "a natural person applies for " + r.code() + ": verify the identity", now);
        }
        return view(store.find(id).orElseThrow(), token);
    }

    /** The applications of the person the identity platform's token vouches for, newest first. */
    public List<PersonView> mine(String identityToken) {
        if (identityToken == null || identityToken.isBlank()) {
            throw new ProblemException(401, "identity.token-required", "Identity required", "send the identity platform's ID token in the"
                    + " " + IDENTITY_HEADER + " header to list your applications, or follow one by its token", IDENTITY_HEADER);
        }
        Vouched v = vouched(identityToken.strip(), null);
        return store.byPersonSubject(v.digest()).stream().map(r -> view(r, null)).toList();
    }

    /** The subject the identity platform vouched for: kept as a digest to find it again, and shown masked. */
    private record Vouched(String issuer, String digest, String masked) {
    }

    private Vouched vouched(String identityToken, PersonAsk declared) {
        if (!logins.enabled()) {
            throw ProblemException.badRequest("identity.no-platform", IDENTITY_HEADER, "this node has no identity platform"
                    + " (pdx.console.oidc.auth-server-url): apply with name and idNumber, and the agency verifies them");
        }
        if (declared != null && (clean(declared.name()) != null || clean(declared.idNumber()) != null)) {
            throw ProblemException.badRequest("identity.declared", clean(declared.name()) != null ? "name" : "idNumber", "the identity"
                    + " platform vouches for who applies: leave name and idNumber out when sending " + IDENTITY_HEADER);
        }
        String subject;
        try {
            subject = provider.vouchedFor(identityToken).getSubject();
        } catch (MalformedClaimException e) {
            throw new ProblemException(401, "oidc.login", "Login refused", "the identity platform's token names no readable subject",
                    IDENTITY_HEADER);
        }
        String issuer = provider.issuer();
        return new Vouched(issuer, PublicTokens.digest(issuer + "|" + subject), maskedSubject(subject));
    }

    /** The first and last four characters of the platform's subject. */
    static String maskedSubject(String subject) {
        String s = subject.strip();
        return s.length() <= 8 ? "*".repeat(s.length()) : s.substring(0, 4) + "****" + s.substring(s.length() - 4);
    }

    /** The identity is verified: the application waits for the provider, within its working days from today. */
    private void identityVerified(DataRequest r, Instant now, String by, String means) {
        LocalDate due = calendar.addWorkingDays(calendar.today(), deadlines.openApplication());
        if (!store.verifyIdentity(r.id(), now, by, r.providerUscc(), due)) {
            throw ProblemException.conflict("identity.already-verified", "id", "the identity of " + r.id() + " is verified already, or it is closed");
        }
        store.step(r.id(), now, "IDENTITY_VERIFIED", by, means, due);
        notifications.tell("OPEN_APPLICATION_DUE", r.id(), RequestKind.OPEN_APPLICATION, r.resourceCode(), r.providerUscc(),
                Role.SPECIALIST.name(), due, "a natural person's application, identity verified by " + (IDENTITY_PLATFORM.equals(by)
                        ? "the identity platform" : "the agency"), now);
    }

    /** The agency's SPECIALIST or REVIEWER confirms the person's identity; the provider then answers within its days. */
    @Transactional
    public DataRequest verify(String id, Verification v, Caller by) {
        if (!agency.is(by, Role.SPECIALIST) && !agency.is(by, Role.REVIEWER)) {
            throw ProblemException.forbidden("agency.reviewer-required", "the identity of a natural person is verified by a SPECIALIST or"
                    + " REVIEWER of the data agency " + agency.uscc() + " (pdx.node.agency); this key is " + by.roles() + " of " + by.organisation());
        }
        if (relayedDecisions.agencyElsewhere()) {
            throw ProblemException.forbidden("request.decided-at-agency-node", "the identity of the applicant of " + id + " is checked by"
                    + " the data agency " + agency.uscc() + " (pdx.node.agency) at its own node, not by any key here: the check was sent"
                    + " there over the parent link, and is applied here when it comes back (GET /api/v1/relayed-disputes/sent)");
        }
        DataRequest r = requests.find(RequestKind.OPEN_APPLICATION, id, by);
        if (store.naturalPerson(id).isEmpty()) {
            throw ProblemException.conflict("request.not-person", "id", id + " is an organisation's application: its key identifies it");
        }
        String means = required(v == null ? null : v.means(), "means", "how the identity was verified, e.g. ID card seen at the service hall");
        identityVerified(r, Instant.now(clock).truncatedTo(ChronoUnit.MICROS), by.keyId(), means);
        return store.find(id).orElseThrow();
    }

    /** The data agency checked the identity at its own node, and the answer came down the parent link. */
    @Transactional
    public void identityVerifiedAtAgencyNode(String id, String means, Caller agencyNode) {
        DataRequest r = store.find(id).filter(x -> store.naturalPerson(id).isPresent())
                .orElseThrow(() -> ProblemException.notFound("open application", id));
        identityVerified(r, Instant.now(clock).truncatedTo(ChronoUnit.MICROS), agencyNode.keyId(), (means == null ? "checked" : means)
                + " (the data agency's " + agencyNode.holder() + ")");
    }

    public PersonView byToken(String token) {
        return view(find(token), null);
    }

    @Transactional
    public PersonView dispute(String token, String reason) {
        return view(requests.disputeByPerson(find(token), reason), null);
    }

    private DataRequest find(String token) {
        if (token == null || token.isBlank()) {
            throw ProblemException.notFound("open application", "");
        }
        // Same answer for a wrong token and a missing one: the token is the only key the person has.
        return store.byPersonToken(PublicTokens.digest(token.strip())).orElseThrow(() -> ProblemException.notFound("open application", "with this token"));
    }

    private PersonView view(DataRequest r, String token) {
        RequestStore.NaturalPerson p = store.naturalPerson(r.id()).orElseThrow();
        boolean waiting = r.status().isOpen();
        return new PersonView(r.id(), r.status().name(), r.resourceCode(), r.fields(), r.purpose(), p.idMasked(),
                p.identityVerifiedAt() != null, r.submittedOn(), waiting ? r.dueBy() : null, waiting && calendar.today().isAfter(r.dueBy()),
                r.decision() == null ? null : r.decision().name(), r.decisionReason(), r.decisionBasis(),
                r.disputeDecision() == null ? null : r.disputeDecision().name(), r.disputeComment(), token);
    }

    /** The first character of the name; the agency compares it with the ID card shown. */
    static String maskedName(String name) {
        String s = name.strip();
        return s.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                + "*".repeat(Math.max(1, s.codePointCount(0, s.length()) - 1));
    }

    /** The first six (region) and last four characters; the birth date and sequence are not kept. */
    static String masked(String idNumber) {
        String s = idNumber.strip();
        return s.substring(0, 6) + "*".repeat(s.length() - 10) + s.substring(s.length() - 4);
    }



    private static String required(String value, String field, String detail) {
        String v = clean(value);
        if (v == null) {
            throw ProblemException.badRequest("missing-field", field, field + " is required: " + detail);
        }
        return v;
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
