package org.pdxhub.hub.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the REST API that callers can reach. */
@ConfigMapping(prefix = "pdx.api")
public interface ApiConfig {

    /**
     * The largest body of {@code POST /api/v1/exchange/{code}/records} (JSON, CSV or XLSX). A
     * larger one is answered 413 with this limit; send the records in batches. Bodies of other
     * endpoints are bounded by {@code quarkus.http.limits.max-body-size} (documents: 60M).
     */
    @WithDefault("16M")
    MemorySize maxRecordsBody();
}
