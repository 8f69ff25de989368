package org.pdxhub.hub.supervision.quality;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Availability and open-data use, counted where reads are answered: a share or open read that
 * got its records, and one that failed for an outage (a 5xx answer). Refusals by rule (4xx) are
 * answers, not outages, and do not count against availability.
 */
@Provider
public class ReadCounter implements ContainerResponseFilter {

    private static final Pattern SHARE_READ = Pattern.compile("/?api/v1/exchange/([A-Z0-9-]+)/records/?");
    private static final Pattern OPEN_READ = Pattern.compile("/?api/v1/open/resources/([A-Z0-9-]+)/data/?");

    @Inject
    QualityCounters counters;

    @Inject
    Catalog catalog;

    @Inject
    Clock clock;

    private final Map<String, String> providers = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        Matcher share = SHARE_READ.matcher(path);
        Matcher open = OPEN_READ.matcher(path);
        boolean isOpen = open.matches();
        if (!isOpen && !share.matches()) {
            return;
        }
        String code = isOpen ? open.group(1) : share.group(1);
        int status = response.getStatus();
        if (status >= 400 && status < 500) {
            return;
        }
        String provider = providers.computeIfAbsent(code, c -> catalog.find(c).map(CatalogResource::provider).orElse(""));
        if (provider.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        if (status >= 500) {
            counters.increment(today, code, provider, Measure.RECORD, Measure.READ_FAILED);
            return;
        }
        counters.increment(today, code, provider, Measure.RECORD, Measure.READ_ANSWERED);
        if (isOpen) {
            counters.increment(today, code, provider, Measure.RECORD, Measure.OPEN_DOWNLOAD);
        }
    }
}
