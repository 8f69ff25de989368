package org.pdxhub.hub.exchange;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.route.RouteFiles;
import org.pdxhub.hub.store.Sql;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node routes file cannot reach past the gate: every way tried here (a bean that delivers, a
 * class, a processor, an endpoint computed at run time, the gate's own addresses, the node's own
 * component, an error handler or interceptor, a bean in an expression) is refused when the file is
 * read, naming the route and what it used; and the broker refuses the routes' {@code jms}
 * component what the file check would have refused, in case something slips past it. A route
 * that hands records to the gate as their provider would still loads and delivers.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
class RouteFileBypassTest {

    static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    NodeRoutes nodeRoutes;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    /** The {@code jms} component: what routes files use. */
    @Inject
    @Named("jms")
    JmsComponent routesJms;

    @Inject
    Sql sql;

    static String route(String id, String from, String steps) {
        return """
                - route:
                    id: %s
                    from:
                      uri: "%s"
                      steps:
                %s
                """.formatted(id, from, steps.indent(8).stripTrailing());
    }

    void assertRefused(String yaml, String... told) {
        NodeRoutes.Refused refused = assertThrows(NodeRoutes.Refused.class,
                () -> nodeRoutes.check(ResourceHelper.fromString("bypass.yaml", yaml), "bypass.yaml"), yaml);
        for (String t : told) {
            assertTrue(refused.getMessage().contains(t), "the refusal says '" + t + "': " + refused.getMessage());
        }
    }

    @Test
    void aRouteFileCallingTheLandingBeanIsRefused() {
        assertRefused(route("sneak-land", "jms:queue:dept.outbox", "- to: \"bean:pdxLanding?method=land\""),
                "route 'sneak-land' refused", "bean:pdxLanding?method=land");
        assertRefused(route("sneak-land-bean", "jms:queue:dept.outbox", "- bean:\n    ref: pdxLanding\n    method: land"),
                "route 'sneak-land-bean' refused", "bean");
        assertRefused(route("sneak-arrive", "jms:queue:dept.outbox", "- to: \"bean:pdxExchange?method=arrive\""),
                "route 'sneak-arrive' refused", "bean:pdxExchange?method=arrive");
    }

    @Test
    void aRouteFileCallingANodeClassOrProcessorIsRefused() {
        assertRefused(route("by-class", "direct:by-class", "- bean:\n    beanType: org.pdxhub.hub.exchange.Landing\n    method: land"),
                "route 'by-class' refused");
        assertRefused(route("by-class-uri", "direct:by-class-uri", "- to: \"class:org.pdxhub.hub.exchange.Landing?method=land\""),
                "route 'by-class-uri' refused", "class");
        assertRefused(route("by-process", "direct:by-process", "- process:\n    ref: pdxExchange"), "route 'by-process' refused", "process");
    }

    @Test
    void aRouteFileComputingItsEndpointAtRunTimeIsRefused() {
        assertRefused(route("dyn-tod", "direct:dyn-tod", "- toD: \"jms:queue:pdx.${header.x}\""), "route 'dyn-tod' refused", "toD");
        assertRefused(route("dyn-list", "direct:dyn-list", "- recipientList:\n    simple: \"jms:queue:pdx.agg\""), "route 'dyn-list' refused");
        assertRefused(route("dyn-slip", "direct:dyn-slip", "- routingSlip:\n    simple: \"jms:queue:pdx.agg\""), "route 'dyn-slip' refused");
        assertRefused(route("dyn-router", "direct:dyn-router", "- dynamicRouter:\n    simple: \"jms:queue:pdx.agg\""), "route 'dyn-router' refused");
        assertRefused(route("dyn-enrich", "direct:dyn-enrich", "- enrich:\n    simple: \"jms:queue:pdx.agg\""), "route 'dyn-enrich' refused");
        assertRefused(route("dyn-wiretap", "direct:dyn-wiretap", "- wireTap:\n    uri: \"jms:queue:pdx.agg\""), "route 'dyn-wiretap' refused");
        assertRefused(route("dyn-uri", "direct:dyn-uri", "- to: \"jms:queue:${header.where}\""), "route 'dyn-uri' refused", "run time");
    }

    @Test
    void aRouteFileWritingToTheGatesAddressesIsRefused() {
        for (String address : new String[]{"pdx.agg", "pdx.link.out.sichuan-province", "pdx.return.11513300MB0000004P", "pdx.dlq",
                "pdx.reply.11513300MB0000004P", "pdx.link.in", "pdx.in.GZ-PSB-POP-001::pdx.agg"}) {
            assertRefused(route("direct-send", "direct:direct-send", "- to: \"jms:queue:" + address + "\""), "route 'direct-send' refused", address);
        }
        assertRefused(route("node-component", "direct:node-component", "- to: \"pdxnode:queue:pdx.agg\""),
                "route 'node-component' refused", "pdxnode");
        assertRefused(route("peek", "jms:queue:pdx.in." + POPULATION, "- to: \"log:peek\""), "route 'peek' refused", "reads");
    }

    @Test
    void aBypassHiddenInsideChoiceTrySplitOrAnExpressionIsFound() {
        assertRefused(route("in-choice", "direct:in-choice", """
                - choice:
                    when:
                      - simple: "${header.x} == 'a'"
                        steps:
                          - to: "jms:queue:pdx.agg"
                """), "route 'in-choice' refused", "pdx.agg");
        assertRefused(route("in-try", "direct:in-try", """
                - doTry:
                    steps:
                      - to: "log:x"
                    doCatch:
                      - exception: [java.lang.Exception]
                        steps:
                          - to: "bean:pdxExchange?method=land"
                """), "route 'in-try' refused");
        assertRefused(route("in-split", "direct:in-split", """
                - split:
                    simple: "${body}"
                    steps:
                      - to: "jms:queue:pdx.return.11513300MB0000004P"
                """), "route 'in-split' refused");
        assertRefused(route("in-simple", "direct:in-simple", "- setBody:\n    simple: \"${bean:pdxExchange?method=land}\""),
                "route 'in-simple' refused", "bean:pdxExchange");
        assertRefused(route("in-ognl", "direct:in-ognl", "- setBody:\n    simple: \"${camelContext.registry.lookupByName('pdxExchange')}\""),
                "route 'in-ognl' refused");
        assertRefused(route("in-method", "direct:in-method", "- setBody:\n    method:\n      ref: pdxExchange\n      method: land"),
                "route 'in-method' refused", "method");
        assertRefused(route("in-errors", "direct:in-errors", "- to: \"log:x\"").replace("    from:",
                "    errorHandler:\n      deadLetterChannel:\n        deadLetterUri: \"pdxnode:queue:pdx.agg\"\n    from:"), "route 'in-errors' refused");
    }

    @Test
    void aRouteFileDeclaringBeansInterceptorsConfigurationsOrTemplatesIsRefused() {
        assertRefused("""
                - beans:
                    - name: pdxBypassBean
                      type: java.util.ArrayList
                """ + route("with-beans", "direct:with-beans", "- to: \"log:x\""), "beans");
        assertNull(camel.getRegistry().lookupByName("pdxBypassBean"), "refused before Camel's loader could bind the bean");
        assertRefused("""
                - interceptSendToEndpoint:
                    uri: "log:*"
                    steps:
                      - to: "jms:queue:pdx.agg"
                """ + route("with-intercept", "direct:with-intercept", "- to: \"log:x\""));
        assertRefused("""
                - routeConfiguration:
                    onException:
                      - onException:
                          exception: [java.lang.Exception]
                          steps:
                            - to: "pdxnode:queue:pdx.agg"
                """, "route configuration");
        assertRefused("""
                - templatedRoute:
                    routeTemplateRef: pdx-queue-ingest
                    routeId: pdx-in-forged
                    parameters:
                      - name: code
                        value: GZ-PSB-POP-001
                """, "template");
        assertRefused(route("pdx-land-2", "direct:pdx-land-2", "- to: \"log:x\""), "route 'pdx-land-2' refused", "pdx-");
    }

    @Test
    void theRoutesComponentIsRefusedByTheBrokerWhatTheFileCheckRefuses() {
        ConnectionFactory routesConnections = routesJms.getConfiguration().getConnectionFactory();
        // Not transacted: a send is then answered by the broker at once, refusal included.
        try (JMSContext jms = routesConnections.createContext()) {
            for (String address : new String[]{"pdx.agg", "pdx.link.out.sichuan-province", "pdx.return.11513300MB0000004P", "pdx.dlq",
                    "pdx.reply.11513300MB0000004P", "pdx.link.in", "pdx.notify"}) {
                JMSRuntimeException e = assertThrows(JMSRuntimeException.class,
                        () -> jms.createProducer().send(jms.createQueue(address), "[]"), address);
                assertTrue(e.getMessage().contains("refused for the node's routes files"), address + ": " + e.getMessage());
            }
            assertThrows(JMSRuntimeException.class, () -> jms.createConsumer(jms.createQueue("pdx.in." + POPULATION)),
                    "a routes file does not read an inbound queue");
        }
    }

    @Test
    void aRouteFileHandingRecordsToTheGateThroughPdxIngestLoadsAndDelivers() throws Exception {
        String yaml = route("hand-to-gate", "direct:hand-to-gate", """
                - setHeader:
                    name: PdxPurpose
                    constant: 人口基础信息汇聚
                - to: "pdx:ingest/GZ-PSB-POP-001"
                """);
        assertRefused(yaml.replace("pdx:ingest/GZ-PSB-POP-001", "jms:queue:pdx.in.GZ-PSB-POP-001"), "route 'hand-to-gate' refused",
                "pdx:ingest");
        assertDoesNotThrow(() -> nodeRoutes.check(ResourceHelper.fromString("hand.yaml", yaml), "hand.yaml"));
        var tmp = RouteReloadTest.ROUTES.resolve(".hand.tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, RouteReloadTest.ROUTES.resolve("hand.yaml"), StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("hand-to-gate") != null);

        String messageId = "via-route-" + UUID.randomUUID();
        producer.sendBodyAndHeaders("direct:hand-to-gate", "[{\"citizen_id\":\"513301199001010013\",\"person_name\":\"旺堆\"}]",
                Map.of("PdxMessageId", messageId, "PdxPerson", "人口系统"));
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'", messageId) == 1);
        Files.delete(RouteReloadTest.ROUTES.resolve("hand.yaml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("hand-to-gate") == null);
    }
}
