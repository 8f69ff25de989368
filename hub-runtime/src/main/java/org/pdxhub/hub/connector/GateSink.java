package org.pdxhub.hub.connector;

import org.pdxhub.connector.RecordSink;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.gate.GateRefused;
import org.pdxhub.plugin.ResourceSpec;

import java.util.List;
import java.util.Map;

/**
 * A connector's records enter as a provider's records sent up: through
 * {@link ExchangeService#ingest}, so the gate validates, masks and logs them (art. 19). The sender
 * is the resource's provider, as for its inbound queue.
 */
class GateSink implements RecordSink {

    private final ExchangeService exchange;
    private final Catalog catalog;

    GateSink(ExchangeService exchange, Catalog catalog) {
        this.exchange = exchange;
        this.catalog = catalog;
    }

    @Override
    public Accepted send(String resourceCode, List<Map<String, Object>> records, String person, String purpose, String messageId) {
        ResourceSpec spec = catalog.publishedSpec(resourceCode)
                .orElseThrow(() -> new SinkRefused("resource.unpublished", resourceCode + " is not a published catalog resource"));
        try {
            ExchangeService.Accepted accepted = exchange.ingest(resourceCode, records,
                    new ExchangeService.Party(spec.providerUscc(), person, purpose, messageId), messageId);
            return new Accepted(accepted.messageId(), accepted.accepted(), accepted.rejected().size());
        } catch (GateRefused refused) {
            throw new SinkRefused(refused.rule(), refused.getMessage());
        } catch (ProblemException problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            throw new SinkRefused("refused-" + problem.status(), problem.getMessage());
        }
    }
}
