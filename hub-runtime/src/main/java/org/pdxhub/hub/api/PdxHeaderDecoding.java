package org.pdxhub.hub.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Persons and purposes are mostly Chinese (人社局张科员, 社保资格核验), but HTTP hands header
 * bytes over as ISO-8859-1. Clients send UTF-8, raw (curl) or percent-encoded (browsers,
 * strict clients); both are decoded here, once, before any resource reads the headers.
 */
public class PdxHeaderDecoding {

    static final List<String> TEXT_HEADERS = List.of("Pdx-Person", "Pdx-Purpose");
    private static final Pattern PERCENT_ENCODED = Pattern.compile(".*%[0-9A-Fa-f]{2}.*");

    @ServerRequestFilter(preMatching = true)
    public void decode(ContainerRequestContext request) {
        for (String name : TEXT_HEADERS) {
            String raw = request.getHeaderString(name);
            if (raw != null) {
                request.getHeaders().putSingle(name, decode(raw));
            }
        }
    }

    static String decode(String raw) {
        if (raw.chars().anyMatch(c -> c > 0x7F && c <= 0xFF)) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1))).toString();
            } catch (CharacterCodingException notUtf8) {
                return raw;
            }
        }
        if (PERCENT_ENCODED.matcher(raw).matches()) {
            try {
                return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notEncoded) {
                return raw;
            }
        }
        return raw;
    }
}
