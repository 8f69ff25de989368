package org.pdxhub.hub.startup;

import java.util.List;

/**
 * The steps of a node's start, in the order {@link StartupSequence} takes them. Each names the
 * steps that must be done before it; a step can only name one declared above it (Java refuses a
 * forward reference), so this list is the order and its reasons in one place.
 */
public enum Step {

    /** The node's own settings that need nothing else: its agency. */
    SETTINGS,
    /** The store open and migrated; started with Camel on a thread of its own ({@link Foundations}). */
    STORE,
    /** The node's identity checked, and the organisations and keys of {@code seed.json} in the store. */
    SEED(STORE),
    /**
     * The signing keys, and the cluster's integrity key outside the demo: after the seed, so that a
     * demo configuration started as a real node first hears what the seed and the store must change
     * (clear keys, demo keys held), then what its settings must.
     */
    SECRETS(SETTINGS, SEED),
    /** The demo's console accounts, which belong to organisations of the seed. */
    DEMO_ACCOUNTS(SEED),
    /** Working days, with the holiday notices stored at run time; a stored notice that no longer parses stops the start. */
    CALENDAR(STORE),
    /** The cluster member; started with Camel on a thread of its own. */
    CLUSTER,
    /** The catalog seeded into an empty store and its published resources in the cluster's map, which the gate reads. */
    CATALOG(STORE, CLUSTER),
    /** The overdue-requests gauge of each organisation. */
    REQUEST_METRICS(SEED, CALENDAR),
    /** The usage log's chain verified before the node signs and sends its head. */
    USAGE_LOG(STORE, CLUSTER),
    /** The embedded broker's journal; started with Camel on a thread of its own, and Camel's JMS consumers wait for it. */
    BROKER,
    /** Accepted records landed into the datasets: only once the store is open, or a landing would wait out a back-off. */
    LANDING(STORE, BROKER),
    /** Each organisation's return and reply queues, declared before any client could create one. */
    OWNER_QUEUES(BROKER, SEED),
    /** Broker logins other than the node's own are checked against the keys in the store (refused as "starting" before). */
    LOGINS(STORE, SEED),
    /** Department databases bound, then the routes files of the configuration folder, whose consumers log in as {@code pdx-routes}. */
    ROUTES_FILES(CATALOG, BROKER, LOGINS),
    /** A queue per published resource: a message taken before the catalog is known would be refused as unpublished. */
    INGEST_QUEUES(CATALOG, BROKER),
    /** Records from other nodes, for the same reason after the catalog. */
    LINK_IN(CATALOG, BROKER),
    /** A verification queue per published resource, for the same reason. */
    VERIFY_QUEUES(CATALOG, BROKER),
    /** Holiday notices that another node of the platform stores are counted when they come (cluster topic). */
    CALENDAR_NOTICES(CALENDAR, CLUSTER),
    /** The broker's network acceptors: every login is checked against the store, and the organisations' queues exist. */
    ACCEPTORS(STORE, SEED, OWNER_QUEUES, LOGINS),
    /** Connectors polling department sources: the gate takes their first batch. */
    CONNECTORS(CATALOG, INGEST_QUEUES, ROUTES_FILES),
    /** The demo's months of generated activity (demo configuration only, once): that of the published resources. */
    DEMO_ACTIVITY(CATALOG, CALENDAR, DEMO_ACCOUNTS),
    /** The demo's verification grant for human resources (demo configuration only, once), on a published resource. */
    DEMO_VERIFICATION_GRANT(SEED, CATALOG),
    /**
     * The periodic jobs ({@link ScheduledJobs}): last, so that none runs on a node still starting,
     * or one whose start a step refused.
     */
    SCHEDULED_JOBS(CALENDAR, CATALOG, USAGE_LOG, ROUTES_FILES, CONNECTORS);

    private final List<Step> after;

    Step(Step... after) {
        this.after = List.of(after);
    }

    /** The steps that must be done before this one. */
    public List<Step> after() {
        return after;
    }
}
