package org.pdxhub.hub.gate;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.pdxhub.hub.exchange.LandingBatches;
import org.pdxhub.hub.exchange.QueueIngest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes that would move catalog data past the gate are refused, whoever writes them. */
@QuarkusTest
class GateEnforcementTest {

    @Inject
    QueueIngest queueIngest;

    @Inject
    LandingBatches landing;

    @Inject
    CamelContext camel;

    @Test
    void aRouteWritingToTheAggregationAddressDirectlyIsRefusedByName() {
        Exception e = assertThrows(Exception.class, () -> camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:shortcut").routeId("shortcut").to("jms:queue:pdx.agg");
            }
        }));
        assertTrue(rootMessage(e).contains("route 'shortcut' refused"), rootMessage(e));
        assertNull(camel.getRoute("shortcut"), "the refused route is not running");
    }

    @Test
    void aRouteReadingAnInboundQueueWithoutTheGateIsRefused() {
        Exception e = assertThrows(Exception.class, () -> camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:pdx.in.GZ-PSB-POP-001").routeId("peek").to("log:peek");
            }
        }));
        assertTrue(rootMessage(e).contains("route 'peek' refused"), rootMessage(e));
        assertNull(camel.getRoute("peek"));
    }

    @Test
    void aReturnHiddenInsideAChoiceIsFoundToo() {
        Exception e = assertThrows(Exception.class, () -> camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:hidden").routeId("hidden").choice().when(header("x").isNotNull()).to("jms:queue:pdx.return.11513300MB0000004P").end();
            }
        }));
        assertTrue(rootMessage(e).contains("route 'hidden' refused"), rootMessage(e));
    }

    @Test
    void aRouteUsingTheNodesOwnComponentToDeliverIsRefused() {
        for (String address : new String[]{"pdx.agg", "pdx.dlq", "pdx.link.out.sichuan-province", "pdx.reply.11513300MB0000004P"}) {
            Exception e = assertThrows(Exception.class, () -> camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:node-shortcut").routeId("node-shortcut").to("pdxnode:queue:" + address);
                }
            }));
            assertTrue(rootMessage(e).contains("route 'node-shortcut' refused"), rootMessage(e));
            assertNull(camel.getRoute("node-shortcut"));
        }
    }

    @Test
    void theStandardIngestRoutesPassTheCheck() {
        assertTrue(queueIngest.isOpen("GZ-PSB-POP-001"), "one inbound queue open per published resource");
        assertTrue(landing.consumers() > 0, "the aggregation queue is landed");
    }

    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
