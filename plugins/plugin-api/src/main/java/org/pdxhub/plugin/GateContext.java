package org.pdxhub.plugin;

import java.time.Instant;
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
 */
public record GateContext(ResourceSpec resource, Destination destination, String requesterUscc,
                          String person, String purpose, GrantSpec grant, Set<String> requestedFields,
                          MaskingProfile profile, String nodeId, String traceId, String messageId,
                          Instant now) {
}
