package org.pdxhub.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the one shape of every error the API returns.
 *
 * @param type   a URI naming the kind of problem, {@code urn:pdx:problem:<rule>}
 * @param field  the field or row at fault, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
