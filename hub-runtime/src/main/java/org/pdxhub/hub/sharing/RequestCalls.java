package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.calendar.WorkingDayCalendar;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every request resource (share, verification, open application, demand) answers the same
 * way, for its kind: a filed request at its address, the list the caller may see, one request,
 * a decision, a dispute, each as a {@link RequestView}. The resources keep what differs: their
 * paths, roles and documentation.
 */
@ApplicationScoped
public class RequestCalls {

    @Inject
    Requests requests;

    @Inject
    CurrentCaller caller;

    @Inject
    WorkingDayCalendar calendar;

    /** 201 with the request's address under {@code base} (e.g. /api/v1/open-applications). */
    Response created(String base, DataRequest r) {
        return Response.created(URI.create(base + "/" + r.id())).entity(view(r)).build();
    }

    /** The requests of these kinds the caller may see, by status and queue. */
    List<RequestView> list(String status, String queue, RequestKind... kinds) {
        Caller c = caller.get();
        return Stream.of(kinds).flatMap(kind -> requests.list(RequestLists.query(kind, status, queue, c), c).stream())
                .map(r -> RequestView.of(r, calendar, requests, false)).toList();
    }

    RequestView one(RequestKind kind, String id) {
        return view(requests.find(kind, id, caller.get()));
    }

    /** The decision on a request found as {@code kind}; decided as the kind it is (a demand's id may name a public demand). */
    RequestView decide(RequestKind kind, String id, Requests.Answer body) {
        Caller c = caller.get();
        return view(requests.decide(requests.find(kind, id, c).kind(), id, body, c));
    }

    RequestView dispute(RequestKind kind, String id, ShareRequestResource.DisputeBody body) {
        return view(requests.dispute(kind, id, body == null ? null : body.reason(), caller.get()));
    }

    /** One request as its resource shows it, with every step. */
    RequestView view(DataRequest r) {
        return RequestView.of(r, calendar, requests, true);
    }
}
