package org.pdxhub.hub.account;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.hub.organisation.Organisations;

import java.util.List;
import java.util.Set;

/**
 * One console account per demo role, with well-known passwords, in the demo configuration only;
 * a node outside it refuses to start while its store holds any of them, as for the demo keys.
 */
@Singleton
public class DemoAccounts {

    private static final Logger LOG = Logger.getLogger(DemoAccounts.class);

    /** The demo's people: username, password, organisation, name, roles (README, config/demo/README.md). */
    public static final List<Accounts.NewAccount> ACCOUNTS = List.of(
            new Accounts.NewAccount("admin", "11513300MB0000001E", "平台管理员 (demo)", Set.of(Role.ADMIN), "demo-admin-2026"),
            new Accounts.NewAccount("reviewer", "11513300MB0000001E", "州数据局审核员 (demo)", Set.of(Role.REVIEWER), "demo-reviewer-2026"),
            new Accounts.NewAccount("specialist", "11513300MB0000002H", "公安局数据专员 (demo)", Set.of(Role.SPECIALIST), "demo-specialist-2026"),
            new Accounts.NewAccount("specialist-market", "11513300MB0000003L", "市场监管局数据专员 (demo)", Set.of(Role.SPECIALIST),
                    "demo-market-2026"),
            new Accounts.NewAccount("specialist-hrss", "11513300MB0000004P", "人社局数据专员 (demo)", Set.of(Role.SPECIALIST),
                    "demo-hrss-2026"));

    @Inject
    HubConfig config;

    @Inject
    Accounts accounts;

    @Inject
    Organisations organisations;

    /** At start, after the seed has registered the organisations the accounts belong to. */
    public void seed() {
        if (!config.demo()) {
            List<String> present = accounts.demoAccountsPresent();
            if (!present.isEmpty()) {
                throw new StartupRefused("pdx.demo", "the store holds the demo console accounts " + present
                        + ", whose passwords are published: remove them, or start with --config config/demo");
            }
            return;
        }
        int made = 0;
        for (Accounts.NewAccount a : ACCOUNTS) {
            if (accounts.find(a.username()).isEmpty() && organisations.find(a.organisation()).isPresent()) {
                accounts.insert(a, true);
                made++;
            }
        }
        if (made > 0) {
            LOG.infof("Demo console accounts created: %d (passwords in the README)", made);
        }
    }
}
