package org.pdxhub.hub.startup;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.account.DemoAccounts;
import org.pdxhub.hub.audit.UsageLogWatch;
import org.pdxhub.hub.calendar.NoticeLoader;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.CatalogStartup;
import org.pdxhub.hub.cluster.ClusterIntegrity;
import org.pdxhub.hub.connector.Connectors;
import org.pdxhub.hub.exchange.ExchangeRoutes;
import org.pdxhub.hub.exchange.NodeRoutes;
import org.pdxhub.hub.messaging.BrokerAcceptors;
import org.pdxhub.hub.messaging.BrokerSecurity;
import org.pdxhub.hub.organisation.OwnerQueues;
import org.pdxhub.hub.route.DepartmentDatabases;
import org.pdxhub.hub.sharing.RequestMetrics;
import org.pdxhub.hub.signing.SigningKeys;
import org.pdxhub.hub.supervision.demo.DemoActivity;
import org.pdxhub.hub.verification.DemoVerificationGrant;
import org.pdxhub.hub.verification.DigestKey;
import org.pdxhub.hub.verification.VerificationRoutes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The node's start, one {@link Step} after another in the order the enum declares them; the
 * store, the cluster member and the broker have been starting side by side since Camel began
 * ({@link Foundations}), and are waited for here where a step first needs them. Quarkus opens the
 * HTTP port, and so {@code /q/health/ready}, only after this returns. No other bean of the node
 * observes {@code StartupEvent} or is {@code @Startup} (StartupOrderTest): what runs at start, and
 * when, is read here.
 */
@Singleton
public class StartupSequence {

    private static final Logger LOG = Logger.getLogger(StartupSequence.class);

    /** One step as it ran. */
    public record Ran(Step step, Instant began, Instant ended, Duration took) {
    }

    @Inject Clock clock;
    @Inject Foundations foundations;
    @Inject CamelContext camel;
    @Inject Provider<Agency> agency;
    @Inject Provider<SigningKeys> signingKeys;
    @Inject Provider<ClusterIntegrity> clusterIntegrity;
    @Inject Provider<DigestKey> digestKey;
    @Inject Provider<NodeStartup> node;
    @Inject Provider<DemoAccounts> demoAccounts;
    @Inject Provider<WorkingDayCalendar> calendar;
    @Inject Provider<CatalogStartup> catalog;
    @Inject Provider<RequestMetrics> requestMetrics;
    @Inject Provider<UsageLogWatch> usageLog;
    @Inject Provider<OwnerQueues> ownerQueues;
    @Inject Provider<BrokerSecurity> brokerSecurity;
    @Inject Provider<DepartmentDatabases> departmentDatabases;
    @Inject Provider<NodeRoutes> nodeRoutes;
    @Inject Provider<ExchangeRoutes> exchangeRoutes;
    @Inject Provider<NoticeLoader> notices;
    @Inject Provider<BrokerAcceptors> acceptors;
    @Inject Provider<Connectors> connectors;
    @Inject Provider<DemoActivity> demoActivity;
    @Inject Provider<VerificationRoutes> verificationRoutes;
    @Inject Provider<DemoVerificationGrant> demoVerificationGrant;
    @Inject Provider<ScheduledJobs> scheduledJobs;

    private final List<Ran> ran = new ArrayList<>();
    private final Map<Step, Duration> onOwnThread = new EnumMap<>(Step.class);

    void onStart(@Observes StartupEvent started) {
        foundations.begin();
        run(List.of(Step.values()), actions());
    }

    /** What each step does; the order is {@link Step}'s. */
    private Map<Step, Runnable> actions() {
        Map<Step, Runnable> a = new EnumMap<>(Step.class);
        a.put(Step.SETTINGS, () -> agency.get().uscc());
        a.put(Step.STORE, () -> onOwnThread.put(Step.STORE, foundations.await(Step.STORE)));
        a.put(Step.SEED, () -> node.get().start());
        a.put(Step.SECRETS, () -> {
            signingKeys.get().clockSkew();
            clusterIntegrity.get().refuseTheDemoKeyOutsideTheDemo();
            digestKey.get().refuseAMissingOrDemoKeyOutsideTheDemo();
        });
        a.put(Step.DEMO_ACCOUNTS, () -> demoAccounts.get().seed());
        a.put(Step.CALENDAR, () -> calendar.get().coverage());
        a.put(Step.CLUSTER, () -> onOwnThread.put(Step.CLUSTER, foundations.await(Step.CLUSTER)));
        a.put(Step.CATALOG, () -> catalog.get().start());
        a.put(Step.REQUEST_METRICS, () -> requestMetrics.get().registerKnown());
        a.put(Step.USAGE_LOG, () -> usageLog.get().verifyAndWitness());
        a.put(Step.BROKER, () -> onOwnThread.put(Step.BROKER, foundations.await(Step.BROKER)));
        a.put(Step.LANDING, () -> exchangeRoutes.get().startLanding(camel));
        a.put(Step.OWNER_QUEUES, () -> ownerQueues.get().declareAll());
        a.put(Step.LOGINS, () -> brokerSecurity.get().acceptLogins());
        a.put(Step.ROUTES_FILES, () -> {
            departmentDatabases.get().bind();
            nodeRoutes.get().load();
        });
        a.put(Step.INGEST_QUEUES, () -> exchangeRoutes.get().addIngestRoutes());
        a.put(Step.LINK_IN, () -> exchangeRoutes.get().startLinkIn(camel));
        a.put(Step.VERIFY_QUEUES, () -> verificationRoutes.get().openAll(camel));
        a.put(Step.CALENDAR_NOTICES, () -> notices.get().listen());
        a.put(Step.ACCEPTORS, () -> acceptors.get().open());
        a.put(Step.CONNECTORS, () -> connectors.get().start());
        a.put(Step.DEMO_ACTIVITY, () -> demoActivity.get().onStart());
        a.put(Step.DEMO_VERIFICATION_GRANT, () -> demoVerificationGrant.get().issueOnADemoNode());
        a.put(Step.SCHEDULED_JOBS, () -> scheduledJobs.get().start());
        return a;
    }

    /**
     * Runs {@code order}, refusing a step whose preconditions have not all run before it (a step
     * left out, or an order other than {@link Step}'s), before it does anything.
     */
    void run(List<Step> order, Map<Step, Runnable> actions) {
        List<Step> done = new ArrayList<>();
        for (Step step : order) {
            List<Step> missing = step.after().stream().filter(s -> !done.contains(s)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("start-up step " + step + " would run before " + missing + ", which it needs");
            }
            Runnable action = actions.get(step);
            if (action == null) {
                throw new IllegalStateException("start-up step " + step + " has nothing to do");
            }
            Instant began = clock.instant();
            long t0 = System.nanoTime();
            try {
                action.run();
            } catch (RuntimeException refused) {
                foundations.settle();
                throw refused;
            }
            ran.add(new Ran(step, began, clock.instant(), Duration.ofNanos(System.nanoTime() - t0)));
            done.add(step);
        }
        LOG.infof("Start-up: %s", summary());
    }

    /** The steps as they ran, in order. */
    public List<Ran> ran() {
        return List.copyOf(ran);
    }

    /** Each step's time, the three services' own start times beside the wait for them. */
    private String summary() {
        return ran.stream().map(r -> {
            String own = onOwnThread.containsKey(r.step()) ? " (started beside: " + ms(onOwnThread.get(r.step())) + ")" : "";
            return r.step().name().toLowerCase() + " " + ms(r.took()) + own;
        }).collect(Collectors.joining(", "));
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }
}
