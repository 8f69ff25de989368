package org.pdxhub.hub.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;

/** The store answers a query, and which store and schema version this is. */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {

    @Inject
    Store store;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("store")
                .withData("kind", store.kind())
                .withData("schema", store.schemaVersion());
        try (Connection c = store.dataSource().getConnection()) {
            return response.status(c.isValid(2)).build();
        } catch (Exception e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
