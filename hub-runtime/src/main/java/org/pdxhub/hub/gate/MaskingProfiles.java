package org.pdxhub.hub.gate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingProfile;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.Registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's masking profiles, one per destination, read from the configuration folder at
 * start. Every rule is compiled once here, so a wrong strategy or argument stops start-up
 * naming the profile and field rather than failing on the first message.
 */
@Singleton
public class MaskingProfiles {

    /** A profile as written in the file: rules as text. */
    public record ProfileFile(String name, Destination destination, Map<String, String> byField, boolean itemRules,
                              Map<String, String> byKind, String personalDefault) {
    }

    public record ProfilesFile(List<ProfileFile> profiles) {
    }

    @Inject
    HubConfig hub;

    @Inject
    MaskingConfig config;

    @Inject
    Registry<MaskingStrategy> strategies;

    @Inject
    MaskingKeys keys;

    @Inject
    ObjectMapper json;

    private final Map<Destination, MaskingProfile> byDestination = new EnumMap<>(Destination.class);

    @PostConstruct
    void load() {
        Path file = config.profilesFile().orElse(hub.configDir().resolve("masking-profiles.json"));
        if (!Files.isRegularFile(file)) {
            throw new StartupRefused("pdx.masking.profiles-file", file + " does not exist: a node needs its masking profiles"
                    + " (one per destination: AGGREGATION, SHARE, OPEN, RETURN); see config/demo/masking-profiles.json");
        }
        ProfilesFile parsed;
        try {
            parsed = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(file.toFile(), ProfilesFile.class);
        } catch (IOException e) {
            throw new StartupRefused("pdx.masking.profiles-file", file + " is not a valid profiles file: " + e.getMessage());
        }
        for (ProfileFile p : parsed.profiles()) {
            String where = file.getFileName() + ": profile '" + p.name() + "'";
            requireDefault(where, p);
            MaskingProfile profile = new MaskingProfile(p.name(), p.destination(), compileAll(where, "byField", p.byField()),
                    p.itemRules(), compileAll(where, "byKind", p.byKind()),
                    p.personalDefault() == null ? null : compile(where + " personalDefault", p.personalDefault()));
            if (byDestination.put(p.destination(), profile) != null) {
                throw new StartupRefused("pdx.masking.profiles-file", where + ": a second profile for " + p.destination());
            }
        }
        for (Destination d : Destination.values()) {
            if (!byDestination.containsKey(d)) {
                throw new StartupRefused("pdx.masking.profiles-file", file + " has no profile for " + d);
            }
        }
    }

    /**
     * De-identification before aggregation and opening is a rule (art. 11, 25), not an option: a
     * personal item that nothing else names gets the profile's default, and that default cannot be
     * left out or be "clear". The only way through in clear is an item's own approved clear basis.
     */
    static void requireDefault(String where, ProfileFile p) {
        if (p.destination() != Destination.AGGREGATION && p.destination() != Destination.OPEN) {
            return;
        }
        String rule = p.personalDefault() == null ? "" : p.personalDefault().strip();
        if (rule.isEmpty() || rule.equalsIgnoreCase("clear") || rule.equalsIgnoreCase("none")) {
            throw new StartupRefused("pdx.masking.profiles-file", where + " (" + p.destination() + "): personalDefault is required"
                    + " and may not be clear: name the rule for personal items without one of their own, e.g. \"suppress\" or"
                    + " \"pseudonym(sm3)\"; an item that must pass in clear states its legal basis in the catalog (clearBasis)");
        }
    }

    public MaskingProfile forDestination(Destination destination) {
        return byDestination.get(destination);
    }

    /** Checks a rule as a catalog item would name it. @throws IllegalArgumentException saying what is wrong */
    public MaskRule check(String ruleText) {
        MaskRule rule = MaskRule.parse(ruleText);
        strategies.get(rule.strategy()).compile(rule.args(), keys);
        return rule;
    }

    private Map<String, MaskRule> compileAll(String where, String section, Map<String, String> rules) {
        Map<String, MaskRule> out = new HashMap<>();
        if (rules != null) {
            rules.forEach((key, text) -> out.put(key, compile(where + " " + section + "." + key, text)));
        }
        return out;
    }

    private MaskRule compile(String where, String text) {
        try {
            return check(text);
        } catch (IllegalArgumentException e) {
            throw new StartupRefused("pdx.masking.profiles-file", where + ": " + e.getMessage());
        }
    }
}
