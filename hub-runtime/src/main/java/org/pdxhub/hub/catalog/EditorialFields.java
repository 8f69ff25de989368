package org.pdxhub.hub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.node.StartupRefused;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The changes the agency declared editorial (pdx.catalog.editorial-fields): wording that changes
 * neither what data moves nor who may have it. Only a change confined to them skips review.
 */
@ApplicationScoped
public class EditorialFields {

    static final Set<String> KNOWN = Set.of("name", "description", "format", "items.title");

    @Inject
    CatalogConfig config;

    /** Refuses a start with a field that is not one the node knows how to compare. */
    public void check() {
        for (String f : fields()) {
            if (!KNOWN.contains(f)) {
                throw new StartupRefused("pdx.catalog.editorial-fields", "'" + f + "' is not a field that can be declared"
                        + " editorial; choose among " + KNOWN);
            }
        }
    }

    /** True when {@code proposed} differs from {@code published} only in editorial fields. */
    boolean isEditorial(ResourceDraft published, ResourceDraft proposed) {
        return published.equals(withEditorialOf(proposed, published));
    }

    /** {@code d} with the editorial fields of {@code from}: what is left to compare. */
    private ResourceDraft withEditorialOf(ResourceDraft d, ResourceDraft from) {
        List<String> fields = fields();
        List<ItemDraft> items = d.items();
        if (fields.contains("items.title") && d.items() != null && from.items() != null && d.items().size() == from.items().size()) {
            items = new ArrayList<>();
            for (int n = 0; n < d.items().size(); n++) {
                ItemDraft i = d.items().get(n);
                items.add(i.withTitle(from.items().get(n).title()));
            }
        }
        return new ResourceDraft(d.code(), fields.contains("name") ? from.name() : d.name(), d.provider(),
                fields.contains("description") ? from.description() : d.description(), d.category(), d.shareType(),
                d.openType(), d.shareConditions(), d.shareBasis(), d.openConditions(), d.openBasis(), d.updateCycle(),
                fields.contains("format") ? from.format() : d.format(), d.keyField(), items, d.purchase());
    }

    private List<String> fields() {
        return config.editorialFields().stream().map(f -> f.strip().toLowerCase(Locale.ROOT))
                .filter(f -> !f.isEmpty()).toList();
    }
}
