package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.pdxhub.broker.ValidatedSender;
import org.pdxhub.hub.testing.NodeProcess;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The external broker's example configuration ({@code deploy/artemis/broker.xml}) says what the
 * embedded broker does: the same address settings, the stamping plugin loaded the way
 * {@code broker.xml} loads plugins, security on. A change to one without the other fails here.
 */
class ExternalBrokerXmlTest {

    @Test
    void theExampleBrokerXmlHasTheEmbeddedBrokersSettingsThePluginAndSecurity() throws Exception {
        FileConfiguration external = new FileConfiguration();
        FileDeploymentManager files = new FileDeploymentManager(NodeProcess.repo().resolve("deploy/artemis/broker.xml").toUri().toString());
        files.addDeployable(external);
        files.readConfiguration();

        Configuration embedded = new ConfigurationImpl();
        EmbeddedBroker.addressSettings(embedded);
        for (String match : List.of("pdx.#", "pdx.in.#")) {
            AddressSettings want = embedded.getAddressSettings().get(match);
            AddressSettings have = external.getAddressSettings().get(match);
            assertTrue(have != null, "broker.xml has an address-setting for " + match);
            for (Function<AddressSettings, Object> field : List.<Function<AddressSettings, Object>>of(
                    AddressSettings::getDefaultAddressRoutingType, AddressSettings::getDefaultQueueRoutingType,
                    AddressSettings::getDeadLetterAddress, AddressSettings::getExpiryAddress, AddressSettings::getMaxDeliveryAttempts,
                    AddressSettings::getRedeliveryDelay, AddressSettings::getRedeliveryMultiplier, AddressSettings::getMaxRedeliveryDelay)) {
                assertEquals(field.apply(want), field.apply(have), () -> match + " in broker.xml: " + have + "\nembedded: " + want);
            }
        }
        assertEquals(EmbeddedBroker.MAX_DELIVERY_ATTEMPTS, external.getAddressSettings().get("pdx.in.#").getMaxDeliveryAttempts());
        assertTrue(external.isSecurityEnabled(), "security on");
        assertEquals(List.of(ValidatedSender.class), external.getBrokerPlugins().stream().map(Object::getClass).toList(),
                "the stamping plugin, loaded as broker.xml loads plugins");
        List<String> queues = external.getAddressConfigurations().stream()
                .flatMap(a -> a.getQueueConfigs().stream()).map(QueueConfiguration::getName).map(Object::toString).sorted().toList();
        assertEquals(List.of(Addresses.DEAD_LETTER, Addresses.EXPIRED), queues, "the dead-letter and expiry queues are declared");
    }
}
