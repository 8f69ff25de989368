package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.organisation.Organisation;
import org.pdxhub.hub.organisation.Organisations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Tells who must act next on {@code pdx.notify}. Sent once the change that caused it is committed:
 * a request refused and rolled back notifies nobody. The steps table keeps the same facts as rows.
 */
@ApplicationScoped
public class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);

    @Inject
    Event<Notification> events;

    @Inject
    Organisations organisations;

    @Inject
    SendingSessions sends;

    @Inject
    ObjectMapper json;

    /** Queues a notification to {@code organisation}'s {@code role}; the person is the organisation's data specialist. */
    public void tell(String kind, String requestId, RequestKind requestKind, String resource, String organisation, String role,
                     LocalDate dueBy, String message, Instant at) {
        String person = organisation == null ? null : organisations.find(organisation).map(Organisation::dataSpecialist).orElse(null);
        events.fire(new Notification(kind, requestId, requestKind == null ? null : requestKind.name(), resource,
                new Notification.Actor(organisation, role, person), dueBy, message, at));
    }

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) Notification n) {
        try {
            sends.send(Addresses.NOTIFY, json.writeValueAsBytes(n),
                    Map.of("PdxNotifyKind", n.kind(), "PdxTo", n.actor().organisation() == null ? "" : n.actor().organisation(),
                            "PdxRequestId", n.requestId()));
        } catch (JsonProcessingException | RuntimeException e) {
            // The request itself is committed and its steps say who must act; the event is what is lost.
            LOG.errorf(e, "Could not queue notification %s of %s to %s", n.kind(), n.requestId(), Addresses.NOTIFY);
        }
    }
}
