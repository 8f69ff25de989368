package org.pdxhub.hub.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.account.Sessions;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another site cannot frame the console (clickjacking a reviewer's "approve"): every answer, the
 * pages of a logged-in person, the login page, refusals, carries X-Frame-Options and a CSP whose
 * frame-ancestors is 'none', as seen from outside over HTTP.
 */
@QuarkusTest
class ConsoleHeadersTest {

    @Inject
    Sessions sessions;

    @Inject
    Accounts accounts;

    @Test
    void noSiteCanFrameTheConsole() {
        String session = sessions.open(accounts.find("reviewer").orElseThrow()).id();
        List<Response> answers = List.of(
                given().redirects().follow(false).get("/login"),
                given().redirects().follow(false).get("/"),
                given().redirects().follow(false).cookie(Sessions.COOKIE, session).get("/"),
                given().redirects().follow(false).cookie(Sessions.COOKIE, session).get("/catalog"),
                given().redirects().follow(false).cookie(Sessions.COOKIE, session).get("/admin"),
                given().redirects().follow(false).get("/api/v1/node"));
        assertEquals(200, answers.get(2).statusCode(), "the reviewer's Today page");
        for (Response r : answers) {
            assertEquals("DENY", r.header("X-Frame-Options"), r.statusCode() + " " + r.header("Content-Type"));
            String csp = r.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'")
                    && csp.contains("form-action 'self'"), "CSP: " + csp);
            assertEquals("nosniff", r.header("X-Content-Type-Options"));
        }
    }
}
