package org.pdxhub.hub.envelope;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.RawIdentifiers;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Persons and purposes are mostly Chinese (人社局张科员, 社保资格核验), but HTTP hands header
 * bytes over as ISO-8859-1. Clients send UTF-8, raw (curl) or percent-encoded (browsers,
 * strict clients); both are decoded here, once, before any resource reads the headers.
 * <p>
 * Then every {@code Pdx-*} header is checked here, the one place, before anything is written:
 * its length ({@link Headers#LIMITS}), no control characters (a CR/LF would forge a log line),
 * and no personal identifier in {@code Pdx-Person}. A refusal names the header, never its value.
 */
public class PdxHeaderDecoding {

    static final List<String> TEXT_HEADERS = List.of("Pdx-Person", "Pdx-Purpose");
    private static final Pattern PERCENT_ENCODED = Pattern.compile(".*%[0-9A-Fa-f]{2}.*");

    @Inject
    RawIdentifiers identifiers;

    @ServerRequestFilter(preMatching = true)
    public void decode(ContainerRequestContext request) {
        for (String name : TEXT_HEADERS) {
            String raw = request.getHeaderString(name);
            if (raw != null) {
                String decoded = decode(raw);
                if (decoded.indexOf('\uFFFD') >= 0 || (decoded == raw && raw.chars().anyMatch(c -> c > 0x7F && c <= 0xFF))) {
                    throw invalid(name, name + " is not valid UTF-8 (a malformed or overlong byte sequence):"
                            + " send it as UTF-8, raw or percent-encoded");
                }
                request.getHeaders().putSingle(name, decoded);
            }
        }
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            String name = header.getKey();
            if (!name.regionMatches(true, 0, "Pdx-", 0, 4)) {
                continue;
            }
            // A repeated signing header is the signature check's to refuse (401); a repeated header
            // the node stores is refused here, as which of the two would be stored is anyone's guess.
            if (header.getValue().size() > 1 && Headers.LIMITS.stream().anyMatch(l -> l.http().equalsIgnoreCase(name))) {
                throw invalid(name, name + " is sent " + header.getValue().size() + " times; send it once");
            }
            for (String value : header.getValue()) {
                Headers.problem(name, value).ifPresent(problem -> {
                    throw invalid(name, problem);
                });
            }
            String value = header.getValue().isEmpty() ? null : header.getValue().get(0);
            if (name.equalsIgnoreCase("Pdx-Person") && identifiers.looksLikeOne(value)) {
                throw invalid(name, "Pdx-Person looks like it holds a personal identifier (a citizen ID, a mobile or card number):"
                        + " name the person by name or staff role, never by an identifier");
            }
        }
    }

    private static ProblemException invalid(String header, String detail) {
        return ProblemException.badRequest("invalid-header", header, detail);
    }

    static String decode(String raw) {
        if (raw.chars().anyMatch(c -> c > 0x7F && c <= 0xFF)) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1))).toString();
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
