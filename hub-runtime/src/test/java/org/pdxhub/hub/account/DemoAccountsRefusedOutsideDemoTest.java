package org.pdxhub.hub.account;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's accounts have published passwords: a node started outside the demo configuration on a
 * store that holds them refuses to start, naming them. Played on the demo test node's real store,
 * with the start-up check told that this is not the demo.
 */
@QuarkusTest
class DemoAccountsRefusedOutsideDemoTest {

    @Inject
    Accounts accounts;

    @Test
    void aNodeOutsideTheDemoRefusesToStartWhileTheDemoAccountsExist() {
        assertFalse(accounts.demoAccountsPresent().isEmpty(), "the demo node's store holds the demo accounts");
        DemoAccounts check = new DemoAccounts();
        check.config = (HubConfig) Proxy.newProxyInstance(HubConfig.class.getClassLoader(), new Class<?>[] {HubConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("demo")) {
                        return false;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        check.accounts = accounts;
        StartupRefused refused = assertThrows(StartupRefused.class, check::seed);
        assertTrue(refused.getMessage().contains("reviewer") && refused.getMessage().contains("pdx.demo"), refused.getMessage());
    }
}
