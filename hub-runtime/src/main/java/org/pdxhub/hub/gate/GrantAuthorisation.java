package org.pdxhub.hub.gate;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GatePhase;
import org.pdxhub.plugin.GateRefusal;
import org.pdxhub.plugin.GateStep;
import org.pdxhub.plugin.GrantSpec;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.ShareType;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that decides what "authorised" means (art. 18, 19, 26): who uses the data and
 * why must be stated; a provider sends only its own resources up; a share needs a live grant
 * for the fields asked, read for the purpose the grant was approved for; open data needs the
 * resource to be open. Fields outside the grant are removed from every record, never passed on.
 */
@Singleton
public class GrantAuthorisation implements GateStep {

    @Override
    public GatePhase phase() {
        return GatePhase.AUTHORISE;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void process(RecordBatch batch, GateContext ctx) {
        Set<String> allowed = authorise(ctx);
        if (allowed != null) {
            keepOnlyGranted(batch, allowed);
        }
    }

    /**
     * The decision alone, for what is not a record batch (a document).
     *
     * @return the fields the message may carry, or null when the destination does not cut fields
     * @throws GateRefusal naming the rule that refuses
     */
    public Set<String> authorise(GateContext ctx) {
        if (isBlank(ctx.person())) {
            throw new GateRefusal("caller.person-missing", "Pdx-Person", "say who uses the data in the Pdx-Person header (art. 19)");
        }
        if (isBlank(ctx.purpose())) {
            throw new GateRefusal("caller.purpose-missing", "Pdx-Purpose", "say for what the data is used in the Pdx-Purpose header (art. 19)");
        }
        switch (ctx.destination()) {
            case AGGREGATION -> {
                if (!ctx.resource().providerUscc().equals(ctx.requesterUscc())) {
                    throw new GateRefusal("aggregation.not-provider", "only the provider " + ctx.resource().providerUscc()
                            + " sends records of " + ctx.resource().code() + "; organisation " + ctx.requesterUscc() + " is not it");
                }
            }
            case SHARE -> {
                if (ctx.resource().shareType() == ShareType.NONE) {
                    throw new GateRefusal("share.not-shared", ctx.resource().code() + " is classified not shared (不予共享, art. 14)");
                }
                return requireLiveGrant(ctx);
            }
            case OPEN -> {
                if (ctx.resource().openType() == OpenType.NONE) {
                    throw new GateRefusal("open.not-open", ctx.resource().code() + " is classified not open (不予开放, art. 23)");
                }
                if (ctx.resource().openType() == OpenType.CONDITIONAL) {
                    return requireLiveGrant(ctx);
                }
            }
            case RETURN -> {
                if (ctx.grant() != null) {
                    return requireLiveGrant(ctx);
                }
            }
        }
        return null;
    }

    private static Set<String> requireLiveGrant(GateContext ctx) {
        GrantSpec g = ctx.grant();
        String code = ctx.resource().code();
        if (g == null) {
            throw new GateRefusal("grant.missing", "organisation " + ctx.requesterUscc() + " holds no grant for " + code
                    + ": request it with POST /api/v1/share-requests");
        }
        if (!g.holderUscc().equals(ctx.requesterUscc()) || !g.resourceCode().equals(code)) {
            throw new GateRefusal("grant.not-holder", "grant " + g.id() + " is not held by " + ctx.requesterUscc() + " for " + code
                    + "; shared data may not be passed to a third party (art. 19)");
        }
        if (g.revoked()) {
            throw new GateRefusal("grant.revoked", "grant " + g.id() + " was revoked");
        }
        if (ctx.now().isBefore(g.validFrom())) {
            throw new GateRefusal("grant.not-yet-valid", "grant " + g.id() + " is valid from " + g.validFrom());
        }
        if (!ctx.now().isBefore(g.validTo())) {
            throw new GateRefusal("grant.expired", "grant " + g.id() + " ended at " + g.validTo());
        }
        // Art. 19: shared data serves only the duty it was granted for. The purpose stated must be the
        // approved one, by code or exact text; a near miss is not guessed at.
        if (!g.allowsPurpose(ctx.purpose())) {
            throw new GateRefusal("grant.purpose-mismatch", "Pdx-Purpose", "grant " + g.id() + " allows the purpose "
                    + (g.purposeCode() == null ? "" : "'" + g.purposeCode() + "' or the exact text ") + "'" + g.purpose()
                    + "' only; state one of them in Pdx-Purpose (art. 19: shared data is used only for the duties it was granted for)");
        }
        Set<String> asked = ctx.requestedFields();
        if (asked != null && !asked.isEmpty() && !g.fields().containsAll(asked)) {
            Set<String> outside = new TreeSet<>(asked);
            outside.removeAll(g.fields());
            throw new GateRefusal("grant.fields-exceeded", "fields", "fields " + outside + " are outside grant " + g.id()
                    + ", which covers " + new TreeSet<>(g.fields()));
        }
        return asked == null || asked.isEmpty() ? g.fields() : asked;
    }

    private static void keepOnlyGranted(RecordBatch batch, Set<String> allowed) {
        for (RecordBatch.Entry entry : batch.entries()) {
            Map<String, Object> fields = entry.fields();
            fields.keySet().removeIf(name -> !allowed.contains(name));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
