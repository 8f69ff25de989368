package org.pdxhub.hub.gate;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pdxhub.hub.api.Problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A refused message as a problem detail, with each rejected record's position and reason. */
public class GateRefusedMapper {

    @ServerExceptionMapper
    public Response refused(GateRefused e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:pdx:problem:" + e.rule());
        body.put("title", e.status() == 403 ? "Not authorised" : "Refused by the gate");
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        body.put("rule", e.rule());
        body.put("rejected", rejections(e.rejected()));
        if (e.logEntry() != null) {
            body.put("usageLogSeq", e.logEntry().seq());
        }
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** Position, field and reason of each rejected record; never its values. */
    public static List<Map<String, Object>> rejections(List<Passage.Rejected> rejected) {
        return rejected.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", r.index());
            m.put("field", r.field());
            m.put("reason", r.reason());
            return m;
        }).toList();
    }
}
