package org.pdxhub.plugin;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Everything the gate knows about one message besides its records.
 *
 * @param requesterUscc   organisation that will use the data (the caller, or the receiving one)
 * @param person          who uses the data (Pdx-Person), required
 * @param purpose         for what (Pdx-Purpose), required
 * @param grant           the grant the message travels under, or null where none applies
 *                        (aggregation by the provider itself, unconditional open data)
 * @param requestedFields fields asked for, or empty for "all that the grant allows"
 * @param profile         the masking profile for the destination
 * @param maskedUpstream  fields an earlier node's gate already masked, field → rule, for records
 *                        relayed between nodes; empty where the records enter the hierarchy here.
 *                        Such a field is neither checked nor masked again: its value is no longer
 *                        the raw identifier, and masking a pseudonym twice would break the joins.
 * @param keyId           the key the caller authenticated with (API key id, or signing key id of a
 *                        signed request), for the usage log; null where no key was presented
 */
public record GateContext(ResourceSpec resource, Destination destination, String requesterUscc,
                          String person, String purpose, GrantSpec grant, Set<String> requestedFields,
                          MaskingProfile profile, String nodeId, String traceId, String messageId,
                          Instant now, Map<String, String> maskedUpstream, String keyId) {

    public GateContext {
        maskedUpstream = maskedUpstream == null ? Map.of() : Map.copyOf(maskedUpstream);
    }

    /** A message whose caller's key is not known here. */
    public GateContext(ResourceSpec resource, Destination destination, String requesterUscc, String person, String purpose,
                       GrantSpec grant, Set<String> requestedFields, MaskingProfile profile, String nodeId, String traceId,
                       String messageId, Instant now, Map<String, String> maskedUpstream) {
        this(resource, destination, requesterUscc, person, purpose, grant, requestedFields, profile, nodeId, traceId, messageId,
                now, maskedUpstream, null);
    }

    /** A message that enters the hierarchy at this node: nothing was masked before it. */
    public GateContext(ResourceSpec resource, Destination destination, String requesterUscc, String person, String purpose,
                       GrantSpec grant, Set<String> requestedFields, MaskingProfile profile, String nodeId, String traceId,
                       String messageId, Instant now) {
        this(resource, destination, requesterUscc, person, purpose, grant, requestedFields, profile, nodeId, traceId, messageId,
                now, Map.of(), null);
    }
}
