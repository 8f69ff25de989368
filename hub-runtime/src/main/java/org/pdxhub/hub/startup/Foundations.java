package org.pdxhub.hub.startup;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.apache.camel.quarkus.main.events.BeforeInitialize;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.pdxhub.hub.messaging.EmbeddedBroker;
import org.pdxhub.hub.store.Store;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The three services the rest of the node stands on, started side by side: the store (opened and
 * migrated), the cluster member and the embedded broker's journal. One after another they took
 * about 2.5 s of a 4.4 s start (bench/README.md); side by side, about the longest of them.
 * <p>
 * Each is a singleton, made on a thread of its own as soon as Camel begins to boot, the first
 * moment the node's code is called. Whoever needs one before it is ready waits: a singleton is
 * made once, and a second caller waits for the first to finish. Camel's routes wait for the
 * broker before they start. {@link StartupSequence} waits for each where its steps first need it, and a
 * service that failed to start fails the start there with its own reason.
 */
@Singleton
public class Foundations {

    @Inject
    Provider<Store> store;

    @Inject
    Provider<HazelcastInstance> cluster;

    @Inject
    Provider<EmbeddedBroker> broker;

    private static final Duration SETTLE = Duration.ofSeconds(30);

    final Map<Step, CompletableFuture<Duration>> starts = new EnumMap<>(Step.class);

    void onCamelBoot(@Observes BeforeInitialize camelBoots) {
        begin();
    }

    /**
     * Camel configures its routes while the broker starts, and starts them, JMS consumers among
     * them, once it is up: a consumer that found no broker would try again only seconds later.
     */
    void beforeCamelStartsRoutes(@Observes BeforeStart camelStarts) {
        begin();
        try {
            await(Step.BROKER);
        } catch (RuntimeException refused) {
            settle();
            throw refused;
        }
    }

    /** Starts the three, once; the sequence calls it too, so nothing depends on Camel's event. */
    synchronized void begin() {
        if (!starts.isEmpty()) {
            return;
        }
        starts.put(Step.STORE, launch("store", () -> store.get().kind()));
        starts.put(Step.CLUSTER, launch("cluster", () -> cluster.get().getName()));
        starts.put(Step.BROKER, launch("broker", () -> broker.get().isEmbedded()));
    }

    /**
     * Waits for one of the three to be up and returns how long it took on its thread.
     *
     * @throws RuntimeException what stopped it, as it was thrown (a {@code StartupRefused} names the setting)
     */
    Duration await(Step service) {
        CompletableFuture<Duration> start;
        synchronized (this) {
            start = starts.get(service);
        }
        if (start == null) {
            throw new IllegalArgumentException(service + " is not started by Foundations");
        }
        try {
            return start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Waits, up to {@link #SETTLE}, for the services still starting to finish, whatever their
     * outcome; called before a refusal stops the start, here when the broker refused and by
     * {@link StartupSequence} when a step did. The shutdown that follows a refusal closes
     * the datasource and the cluster: closed under the store's migration, Flyway logged four errors
     * about rollbacks that buried the one line saying what to change.
     */
    void settle() {
        List<CompletableFuture<Duration>> started;
        synchronized (this) {
            started = List.copyOf(starts.values());
        }
        try {
            CompletableFuture.allOf(started.stream().map(f -> f.exceptionally(e -> Duration.ZERO))
                    .toArray(CompletableFuture[]::new)).get(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The refusal is still what the operator reads; a service that will not settle is closed under itself.
        }
    }

    /**
     * A plain daemon thread per service, not a pool's: H2 closes its file when a thread using it
     * is interrupted, and no pool's shutdown may do that to the store while it opens.
     */
    private static CompletableFuture<Duration> launch(String name, Supplier<Object> make) {
        CompletableFuture<Duration> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            long began = System.nanoTime();
            try {
                make.get();
                done.complete(Duration.ofNanos(System.nanoTime() - began));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "pdx-start-" + name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }
}
