package org.pdxhub.hub.access;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.NodeLevel;
import org.pdxhub.hub.node.StartupRefused;

import java.util.regex.Pattern;

/**
 * The data agency (数据主管部门) this node answers to: only a REVIEWER of that one organisation
 * reviews the catalog, decides disputes and answers what is routed to the agency. A reviewer key
 * of any other organisation is a reviewer of nothing here.
 *
 * <p>A prefecture, province or national platform is run by its agency, so the node's own
 * organisation is the default. A county or department node may serve an organisation that is
 * not the agency (a bureau's own node) or a county agency: the operator must say which, so that
 * a department can never become its own reviewer by omission.
 */
@Singleton
public class Agency {

    private static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");

    @Inject
    HubConfig hub;

    private String uscc;

    @PostConstruct
    void resolve() {
        HubConfig.Node node = hub.node();
        uscc = node.agency().map(String::strip).orElseGet(() -> {
            if (node.level() == NodeLevel.COUNTY || node.level() == NodeLevel.DEPARTMENT) {
                throw new StartupRefused("pdx.node.agency", "a " + node.level() + " node names the data agency whose reviewers"
                        + " review its catalog and decide disputes: set pdx.node.agency to its USCC (the node's own organisation "
                        + node.organisation() + " if it is that agency, else the agency above it)");
            }
            return node.organisation();
        });
        if (!USCC.matcher(uscc).matches()) {
            throw new StartupRefused("pdx.node.agency", "'" + uscc + "' is not a unified social credit code (18 characters, digits"
                    + " and capital letters without I, O, S, V, Z)");
        }
    }

    /** USCC of the agency. */
    public String uscc() {
        return uscc;
    }

    /** True for a key with the REVIEWER role of the agency organisation. */
    public boolean isReviewer(Caller by) {
        return by.has(Role.REVIEWER) && uscc.equals(by.organisation());
    }

    /** True for a key of the agency organisation with the role given. */
    public boolean is(Caller by, Role role) {
        return by.has(role) && uscc.equals(by.organisation());
    }

    /**
     * Refuses anyone but a REVIEWER of the agency, naming the role and the organisation needed.
     *
     * @param what the act, e.g. "reviewing catalog resource GZ-SAMR-ENT-001"
     */
    public void requireReviewer(Caller by, String what) {
        if (!isReviewer(by)) {
            throw notReviewer(by, what);
        }
    }

    /** True for a REVIEWER or an ADMIN of the agency: who follows up what others let run late. */
    public boolean isOverseer(Caller by) {
        return is(by, Role.REVIEWER) || is(by, Role.ADMIN);
    }

    /**
     * Refuses anyone but a REVIEWER or ADMIN of the agency, naming the roles and the organisation needed.
     *
     * @param what the act, e.g. "following up late complaints"
     */
    public void requireOverseer(Caller by, String what) {
        if (!isOverseer(by)) {
            throw ProblemException.forbidden("agency.reviewer-required", what + " is for a REVIEWER or ADMIN of the data agency "
                    + uscc + " (数据主管部门, pdx.node.agency); this key is " + roles(by) + " of " + by.organisation());
        }
    }

    /** The 403 for {@link #requireReviewer}. */
    public ProblemException notReviewer(Caller by, String what) {
        return ProblemException.forbidden("agency.reviewer-required", what + " needs a REVIEWER of the data agency " + uscc
                + " (数据主管部门, pdx.node.agency); this key is " + roles(by) + " of " + by.organisation());
    }

    static String roles(Caller by) {
        return by.roles().isEmpty() ? "without a role" : by.roles().stream().map(Role::name).sorted().toList().toString();
    }
}
