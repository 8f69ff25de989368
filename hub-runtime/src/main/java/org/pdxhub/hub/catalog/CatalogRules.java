package org.pdxhub.hub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.api.PathParameters;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugin.ShareType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every entry meets, however it arrives (REST, import, seed): what each field must
 * hold, art. 15's conditions and legal basis, and items whose identifier kinds and masking
 * rules name plugins that exist. All violations are collected, so an import can report each row.
 */
@ApplicationScoped
public class CatalogRules {

    public static final Pattern CODE = PathParameters.RESOURCE_CODE;
    static final Pattern ITEM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    static final int MAX_CODE = 64;
    static final int MAX_NAME = 200;
    static final int MAX_ITEMS = 500;
    static final int MIN_CLEAR_BASIS = 10;
    static final int MAX_CLEAR_BASIS = 2000;

    /** Masking rules are compiled only to check their arguments; keys are not needed for that. */
    private static final MaskingKeys PLACEHOLDER_KEYS = new MaskingKeys() {
        @Override
        public byte[] pseudonymSecret() {
            return new byte[32];
        }

        @Override
        public byte[] encryptionKey(String keyId) {
            return new byte[16];
        }
    };

    @Inject
    Organisations organisations;

    @Inject
    Registry<IdentifierCheck> identifierChecks;

    @Inject
    Registry<MaskingStrategy> maskingStrategies;

    /** Trims text, turns blanks into nulls, and fills the defaults: not personal, sourced by the provider. */
    public static ResourceDraft normalise(ResourceDraft d) {
        String provider = clean(d.provider());
        List<ItemDraft> items = d.items() == null ? null : d.items().stream()
                .map(i -> i == null ? null : new ItemDraft(clean(i.name()), clean(i.title()), i.type(),
                        i.personal() == null ? Boolean.FALSE : i.personal(), i.sensitivity(), clean(i.identifierKind()),
                        clean(i.maskingRule()), clean(i.source()) == null ? provider : clean(i.source()), clean(i.clearBasis()), i.quality(),
                        i.use() == null || i.use().declaresNothing() ? null : i.use()))
                .toList();
        return new ResourceDraft(clean(d.code()), clean(d.name()), provider, clean(d.description()), d.category(),
                d.shareType(), d.openType(), clean(d.shareConditions()), clean(d.shareBasis()), clean(d.openConditions()),
                clean(d.openBasis()), d.updateCycle(), clean(d.format()), clean(d.keyField()), items,
                d.purchase() == null ? null : new Purchase(clean(d.purchase().supplier()), clean(d.purchase().contract())));
    }

    /** Everything wrong with a normalised draft; empty when it may be stored. */
    public List<Violation> check(ResourceDraft d) {
        List<Violation> v = new ArrayList<>();
        if (d.code() == null) {
            v.add(missing("code", "a code of uppercase letters, digits and dashes, e.g. GZ-PSB-POP-001"));
        } else if (d.code().length() > MAX_CODE || !CODE.matcher(d.code()).matches()) {
            v.add(new Violation("code", "invalid-code", "code '" + d.code() + "' must be uppercase letters, digits and dashes (at most "
                    + MAX_CODE + "), e.g. GZ-PSB-POP-001"));
        }
        if (d.name() == null) {
            v.add(missing("name", "the resource's name, e.g. 人口基本信息"));
        } else if (d.name().length() > MAX_NAME) {
            v.add(new Violation("name", "too-long", "name has more than " + MAX_NAME + " characters"));
        }
        checkOrganisation(d.provider(), "provider", v);
        if (d.category() == null) {
            v.add(missing("category", "one of BASE, THEME, DEPARTMENT (art. 12)"));
        }
        if (d.updateCycle() == null) {
            v.add(missing("updateCycle", "how often the data is updated, e.g. DAILY"));
        }
        if (d.shareType() == null) {
            v.add(missing("shareType", "UNCONDITIONAL, CONDITIONAL or NONE (art. 14)"));
        } else if (d.shareType() == ShareType.CONDITIONAL && d.shareConditions() == null) {
            v.add(new Violation("shareConditions", "conditions-required",
                    "a CONDITIONAL share type needs its reasons and conditions in shareConditions (art. 15)"));
        } else if (d.shareType() == ShareType.NONE && d.shareBasis() == null) {
            v.add(new Violation("shareBasis", "legal-basis-required",
                    "a share type of NONE needs the law, regulation or rule it rests on in shareBasis (art. 15)"));
        }
        if (d.openType() == null) {
            v.add(missing("openType", "UNCONDITIONAL, CONDITIONAL or NONE (art. 23)"));
        } else if (d.openType() == OpenType.CONDITIONAL && d.openConditions() == null) {
            v.add(new Violation("openConditions", "conditions-required",
                    "a CONDITIONAL open type needs its conditions in openConditions (art. 23)"));
        } else if (d.openType() == OpenType.NONE && d.openBasis() == null) {
            v.add(new Violation("openBasis", "legal-basis-required",
                    "an open type of NONE needs the law, regulation or rule it rests on in openBasis (art. 23)"));
        }
        checkItems(d, v);
        checkPurchase(d.purchase(), v);
        return v;
    }

    private void checkItems(ResourceDraft d, List<Violation> v) {
        if (d.items() == null || d.items().isEmpty()) {
            v.add(missing("items", "at least one data item"));
            return;
        }
        if (d.items().size() > MAX_ITEMS) {
            v.add(new Violation("items", "too-many-items", "a resource has at most " + MAX_ITEMS + " items"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int n = 0; n < d.items().size(); n++) {
            ItemDraft i = d.items().get(n);
            String at = "items[" + n + "]";
            if (i == null) {
                v.add(missing(at, "an item, not null"));
                continue;
            }
            if (i.name() == null) {
                v.add(missing(at + ".name", "the item's field name, e.g. citizen_id"));
            } else if (i.name().length() > MAX_CODE || !ITEM_NAME.matcher(i.name()).matches()) {
                v.add(new Violation(at + ".name", "invalid-item-name", "item name '" + i.name()
                        + "' must start with a letter and hold only letters, digits and '_'"));
            } else if (!names.add(i.name().toLowerCase(Locale.ROOT))) {
                v.add(new Violation(at + ".name", "duplicate-item", "item '" + i.name() + "' appears twice"));
            }
            if (i.type() == null) {
                v.add(missing(at + ".type", "one of STRING, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME"));
            }
            if (i.sensitivity() == null || i.sensitivity() < 1 || i.sensitivity() > 4) {
                v.add(new Violation(at + ".sensitivity", "invalid-sensitivity",
                        "sensitivity is a grade from 1 (public) to 4 (sensitive personal or secret)"));
            }
            if (i.identifierKind() != null && identifierChecks.find(i.identifierKind()).isEmpty()) {
                v.add(new Violation(at + ".identifierKind", "unknown-identifier-kind", "no identifier check named '"
                        + i.identifierKind() + "'; known: " + identifierChecks.all().keySet()));
            }
            if (i.maskingRule() != null) {
                checkMaskingRule(i.maskingRule(), at + ".maskingRule", v);
            }
            checkClearBasis(i, at, v);
            if (i.quality() != null) {
                v.addAll(i.quality().problems(at + ".quality", i, d));
            }
            if (i.use() != null) {
                v.addAll(i.use().problems(at + ".use", i, d));
            }
            if (i.source() != null && !i.source().equals(d.provider())) {
                checkOrganisation(i.source(), at + ".source", v);
            }
        }
        if (d.keyField() != null && d.items().stream().noneMatch(i -> i != null && d.keyField().equals(i.name()))) {
            v.add(new Violation("keyField", "unknown-key-field", "keyField '" + d.keyField() + "' names no item of the resource"));
        }
    }

    /** Bought data names its supplier and contract, so that the agency knows what it approves (art. 9). */
    private static void checkPurchase(Purchase p, List<Violation> v) {
        if (p == null) {
            return;
        }
        if (p.supplier() == null || p.supplier().length() > MAX_NAME) {
            v.add(new Violation("purchase.supplier", "purchase-supplier-required", "bought data names its supplier (at most "
                    + MAX_NAME + " characters): the seller's name and, for an organisation, its USCC"));
        }
        if (p.contract() == null || p.contract().length() > MAX_NAME) {
            v.add(new Violation("purchase.contract", "purchase-contract-required", "bought data names its contract (at most "
                    + MAX_NAME + " characters): its number or reference, with its term"));
        }
    }

    /**
     * A clear basis lets a personal item pass the aggregation and open profiles unmasked, so it must
     * be one: on a personal item, without a masking rule that says the opposite, and long enough to
     * name the law, its article and what it requires.
     */
    private static void checkClearBasis(ItemDraft i, String at, List<Violation> v) {
        if (i.clearBasis() == null) {
            return;
        }
        if (!Boolean.TRUE.equals(i.personal())) {
            v.add(new Violation(at + ".clearBasis", "clear-basis-not-personal",
                    "clearBasis is for personal items that must leave in clear; item '" + i.name() + "' is not personal: leave it out"));
        } else if (i.maskingRule() != null) {
            v.add(new Violation(at + ".clearBasis", "clear-basis-with-masking-rule",
                    "item '" + i.name() + "' has both a masking rule and a clear basis: keep one"));
        } else if (i.clearBasis().length() < MIN_CLEAR_BASIS || i.clearBasis().length() > MAX_CLEAR_BASIS) {
            v.add(new Violation(at + ".clearBasis", "invalid-clear-basis", "clearBasis names the law, its article and what it"
                    + " requires (" + MIN_CLEAR_BASIS + " to " + MAX_CLEAR_BASIS + " characters)"));
        }
    }

    /** Whether a change adds, alters or removes the clear basis of any item: such a change waits for review. */
    public static boolean changesClearBasis(ResourceDraft before, ResourceDraft after) {
        return !clearBases(before).equals(clearBases(after));
    }

    private static Map<String, String> clearBases(ResourceDraft d) {
        Map<String, String> out = new TreeMap<>();
        if (d.items() != null) {
            for (ItemDraft i : d.items()) {
                if (i != null && i.clearBasis() != null) {
                    out.put(String.valueOf(i.name()), i.clearBasis());
                }
            }
        }
        return out;
    }

    private void checkMaskingRule(String text, String field, List<Violation> v) {
        MaskRule rule;
        try {
            rule = MaskRule.parse(text);
        } catch (IllegalArgumentException e) {
            v.add(new Violation(field, "invalid-masking-rule", e.getMessage()));
            return;
        }
        var strategy = maskingStrategies.find(rule.strategy());
        if (strategy.isEmpty()) {
            v.add(new Violation(field, "unknown-masking-strategy", "no masking strategy named '" + rule.strategy()
                    + "'; known: " + maskingStrategies.all().keySet()));
            return;
        }
        try {
            strategy.get().compile(rule.args(), PLACEHOLDER_KEYS);
        } catch (IllegalArgumentException e) {
            v.add(new Violation(field, "invalid-masking-rule", "'" + text + "': " + e.getMessage()));
        }
    }

    private void checkOrganisation(String uscc, String field, List<Violation> v) {
        if (uscc == null) {
            v.add(missing(field, "the unified social credit code (USCC) of a registered organisation"));
            return;
        }
        try {
            organisations.checkUscc(uscc, field);
            organisations.require(uscc, field);
        } catch (org.pdxhub.hub.api.ProblemException e) {
            v.add(new Violation(field, e.toProblem().type().substring("urn:pdx:problem:".length()), e.getMessage()));
        }
    }

    private static Violation missing(String field, String what) {
        return new Violation(field, "missing-field", field + " is required: " + what);
    }

    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
