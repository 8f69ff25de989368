package org.pdxhub.hub.account;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** People log in as people: passwords, lock-out, the session cookie, its idle end and the forms' CSRF token. */
@QuarkusTest
class ConsoleLoginTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String AGENCY = "11513300MB0000001E";

    @Inject
    Accounts accounts;

    @Inject
    Sql sql;

    MovableClock clock = MovableClock.startingNow();

    @BeforeEach
    void clock() {
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @AfterEach
    void cleanUp() {
        sql.update("delete from console_session where username like 'login-test-%'");
    }

    @Test
    void withoutAProviderConfiguredTheProvidersDoorsOpenNothing() {
        given().redirects().follow(false).get("/login/oidc").then().statusCode(303).header("Location", containsString("/login"));
        Response back = given().redirects().follow(false).queryParam("code", "any").queryParam("state", "any")
                .header("Authorization", "Bearer demo-specialist-market").cookie("pdx_session", "forged")
                .get("/login/oidc/callback");
        assertEquals(401, back.statusCode(), back.asString());
        assertNull(back.getCookie("pdx_session"), "no console session without a provider");
        // The provider's door does not change the others: a key still opens the API.
        given().auth().oauth2("demo-specialist-market").get("/api/v1/node").then().statusCode(200);
    }

    @Test
    void aPasswordIsKeptAsABcryptHashNeverInClear() {
        account("login-test-hash");
        String hash = sql.one("select password_hash from console_account where username = ?", rs -> rs.getString(1), "login-test-hash")
                .orElseThrow();
        assertTrue(hash.startsWith("$2"), hash);
        assertFalse(hash.contains("correct-horse-1"));
    }

    @Test
    void anAccountIsLockedAfterFiveWrongPasswordsAndTheRightOneDoesNotOpenItUntilTheLockEnds() {
        account("login-test-lock");
        for (int i = 0; i < 4; i++) {
            login("login-test-lock", "wrong-password").then().statusCode(401).body(containsString("用户名或密码不正确"));
        }
        login("login-test-lock", "wrong-password").then().statusCode(401).body(containsString("账户已锁定"));
        login("login-test-lock", "correct-horse-1").then().statusCode(401).body(containsString("账户已锁定"));
        clock.advance(Duration.ofMinutes(16));
        login("login-test-lock", "correct-horse-1").then().statusCode(303);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndTheLoggedInPersonIsNamed() {
        account("login-test-cookie");
        Response r = login("login-test-cookie", "correct-horse-1");
        r.then().statusCode(303);
        String setCookie = r.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("pdx_session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        given().cookie("pdx_session", r.getCookie("pdx_session")).get("/").then().statusCode(200).body(containsString("登录测试员"));
    }

    @Test
    void aConsoleSessionDoesNotAuthenticateTheApi() {
        account("login-test-api");
        String session = login("login-test-api", "correct-horse-1").getCookie("pdx_session");
        given().cookie("pdx_session", session).get("/api/v1/node").then().statusCode(401);
    }

    @Test
    void aPageWithoutASessionSendsTheBrowserToTheLoginPage() {
        given().redirects().follow(false).get("/catalog").then().statusCode(303).header("Location", containsString("/login"));
    }

    @Test
    void aSessionUnusedForTheIdleTimeoutHasEnded() {
        account("login-test-idle");
        String session = login("login-test-idle", "correct-horse-1").getCookie("pdx_session");
        given().cookie("pdx_session", session).redirects().follow(false).get("/").then().statusCode(200);
        clock.advance(Duration.ofMinutes(31));
        given().cookie("pdx_session", session).redirects().follow(false).get("/").then().statusCode(303);
    }

    @Test
    void aFormPostedWithoutTheSessionsTokenIsRefusedAndNothingHappens() {
        String session = login("admin", "demo-admin-2026").getCookie("pdx_session");
        given().cookie("pdx_session", session).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", "login-test-forged").formParam("organisation", AGENCY).formParam("displayName", "伪造")
                .formParam("roles", "ADMIN").formParam("password", "forged-password-1")
                .post("/admin/accounts").then().statusCode(403).body(containsString("console.csrf"));
        given().cookie("pdx_session", session).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", "another-sessions-token").formParam("username", "login-test-forged").formParam("organisation", AGENCY)
                .formParam("displayName", "伪造").formParam("roles", "ADMIN").formParam("password", "forged-password-1")
                .post("/admin/accounts").then().statusCode(403);
        assertTrue(accounts.find("login-test-forged").isEmpty());
        String token = csrf(given().cookie("pdx_session", session).get("/admin").asString());
        given().cookie("pdx_session", session).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("_csrf", token).formParam("username", "login-test-made").formParam("organisation", AGENCY)
                .formParam("displayName", "新同事").formParam("roles", "REVIEWER").formParam("password", "a-good-password-1")
                .post("/admin/accounts").then().statusCode(303);
        assertTrue(accounts.find("login-test-made").isPresent());
    }

    @Test
    void aLoginFormWithoutItsOwnTokenIsRefused() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", "admin").formParam("password", "demo-admin-2026")
                .post("/login").then().statusCode(403);
    }

    private void account(String username) {
        if (accounts.find(username).isEmpty()) {
            accounts.insert(new Accounts.NewAccount(username, AGENCY, "登录测试员", Set.of(Role.REVIEWER), "correct-horse-1"), false);
        }
    }

    static Response login(String username, String password) {
        Response form = given().get("/login");
        String token = csrf(form.asString());
        return given().redirects().follow(false).cookie("pdx_login", form.getCookie("pdx_login"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("username", username).formParam("password", password).formParam("_csrf", token).post("/login");
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertTrue(m.find(), "no form token in the page");
        assertNotNull(m.group(1));
        return m.group(1);
    }

    /** The node's clock, moved by the test. */
}
