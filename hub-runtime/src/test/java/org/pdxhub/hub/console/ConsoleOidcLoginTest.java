package org.pdxhub.hub.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pdxhub.hub.store.Sql;

import org.pdxhub.hub.testing.ConsoleBrowser;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Logging in to the console through a real OpenID Connect provider (Keycloak, started by
 * {@link KeycloakProvider}), over the authorization code flow as a browser runs it, and the ways it
 * must refuse: a token signed by another key, for another audience, from another issuer; an
 * organisation the node does not accept from the provider; the provider's tokens at other doors.
 */
@QuarkusTest
@WithTestResource(KeycloakProvider.class)
class ConsoleOidcLoginTest {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    @RegisterExtension
    static final ConsoleBrowser chromium = ConsoleBrowser.chromium();

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "keycloak-test.issuer")
    Optional<String> issuer;

    @Inject
    Sql sql;

    /** One person's browser: its own cookies, redirects followed by hand so that each step can be seen. */
    record Browser(HttpClient http, CookieManager cookies) {

        static Browser fresh() {
            CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            // The provider marks its cookies Secure; a browser sends them to http://127.0.0.1 (a secure context), Java's
            // cookie manager would not: it is asked as if for https, with the same host, port and path.
            CookieHandler asABrowser = new CookieHandler() {
                @Override
                public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
                    try {
                        return cookies.get(new URI("https", null, uri.getHost(), uri.getPort(), uri.getPath(), null, null), headers);
                    } catch (URISyntaxException e) {
                        throw new IOException(e);
                    }
                }

                @Override
                public void put(URI uri, Map<String, List<String>> headers) throws IOException {
                    cookies.put(uri, headers);
                }
            };
            return new Browser(HttpClient.newBuilder().cookieHandler(asABrowser).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build(), cookies);
        }

        HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> follow(HttpResponse<String> r) throws IOException, InterruptedException {
            for (int hops = 0; hops < 10 && r.statusCode() / 100 == 3; hops++) {
                URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
                try {
                    r = get(next);
                } catch (IOException e) {
                    throw new IOException("following " + r.statusCode() + " from " + r.uri() + " to " + next, e);
                }
            }
            return r;
        }

        List<String> cookieNames() {
            return cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
        }

        Optional<String> session() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("pdx_session") && !c.getValue().isEmpty())
                    .map(HttpCookie::getValue).findFirst();
        }
    }

    @BeforeEach
    void providerRuns() {
        assumeTrue(KeycloakProvider.available(), "Keycloak needs a Java 21+ and target/keycloak (mvn unpacks it)");
        assertTrue(issuer.isPresent(), "the provider's issuer is configured");
    }

    @AfterEach
    void honestAgain() throws Exception {
        mode(KeycloakProvider.Mode.HONEST);
    }

    @Test
    void aPersonLogsInWithTheProviderAndWorksUnderTheirOwnNameAndOrganisation() throws Exception {
        Browser browser = Browser.fresh();
        HttpResponse<String> landed = logIn(browser, "wang.fang", "wang-fang-oidc-2026");
        assertEquals(200, landed.statusCode(), landed.body());
        String session = browser.session().orElseThrow(() -> new AssertionError("no console session: " + browser.cookieNames()));
        assertFalse(browser.cookieNames().contains("pdx_oidc"), "the login's state is forgotten once used: " + browser.cookieNames());

        Map<String, Object> account = sql.one("select username, organisation_uscc, roles, source, display_name from console_account"
                + " where source = 'OIDC' and display_name like ?", rs -> Map.<String, Object>of("username", rs.getString(1),
                "organisation", rs.getString(2), "roles", rs.getString(3), "name", rs.getString(5)), "%芳%").orElseThrow();
        assertTrue(account.get("username").toString().startsWith("oidc-"), account.toString());
        assertEquals("11513300MB0000002H", account.get("organisation"), "the organisation comes from the provider's claim");
        assertEquals("SPECIALIST", account.get("roles"), "SYSTEM in the provider's claim is never given to a person");

        HttpResponse<String> today = browser.get(base.toURI());
        assertEquals(200, today.statusCode());
        assertTrue(today.body().contains(account.get("name").toString()), "the console knows the person by the provider's name");

        HttpResponse<String> api = browser.http().send(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/node"))
                .header("Cookie", "pdx_session=" + session).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, api.statusCode(), "a console session, from the provider or not, is never a key to the API");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        refusedWhenTheProviderAnswers(KeycloakProvider.Mode.FOREIGN_KEY, "Invalid JWS Signature");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        refusedWhenTheProviderAnswers(KeycloakProvider.Mode.WRONG_AUDIENCE, "Audience (aud)");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        refusedWhenTheProviderAnswers(KeycloakProvider.Mode.WRONG_ISSUER, "Issuer (iss)");
    }

    @Test
    void anIdTokenPastItsExpiryIsRefused() throws Exception {
        // A genuine ID token of the provider, valid for two seconds, that reaches the node after it expired.
        mode(KeycloakProvider.Mode.EXPIRED);
        Browser browser = Browser.fresh();
        HttpResponse<String> refused = logIn(browser, "wang.fang", "wang-fang-oidc-2026");
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Expiration Time (exp"), "refused for its expiry: " + refused.body());
        assertFalse(refused.body().contains("eyJ"), "the refusal does not show the token");
        assertTrue(browser.session().isEmpty(), "an expired token gave a console session: " + browser.cookieNames());
    }

    @Test
    void aLoginsWayBackReplayedIsRefused() throws Exception {
        Browser person = Browser.fresh();
        HttpResponse<String> back = toTheCallback(person, "wang.fang", "wang-fang-oidc-2026");
        URI callback = back.uri().resolve(back.headers().firstValue("Location").orElseThrow());
        String started = codeFlowCookies(person);
        assertTrue(started.contains("q_auth"), "the login's state cookie: " + person.cookieNames());
        assertEquals(200, person.follow(back).statusCode(), "the person's own login");
        assertTrue(person.session().isPresent());

        // Someone who saw the way back (code and state) and the login's state cookie plays them again.
        Browser replaying = Browser.fresh();
        HttpResponse<String> replayed = replaying.http().send(HttpRequest.newBuilder(callback).header("Cookie", started).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, replayed.statusCode(), "the code was redeemed once: " + replayed.body());
        assertTrue(replaying.session().isEmpty(), "a replayed login gave a console session: " + replaying.cookieNames());
        // ... and the way back alone, from a browser that did not start the login: sent to the provider to log in.
        Browser elsewhere = Browser.fresh();
        HttpResponse<String> stray = elsewhere.get(callback);
        assertNotEquals(200, stray.statusCode(), stray.body());
        assertTrue(stray.statusCode() == 401 || stray.headers().firstValue("Location").orElse("").startsWith(issuer.get()),
                stray.statusCode() + " " + stray.headers().map());
        assertTrue(elsewhere.session().isEmpty());
    }

    @Test
    void aLoginsStateThatIsNotTheBrowsersIsRefused() throws Exception {
        Browser person = Browser.fresh();
        HttpResponse<String> back = toTheCallback(person, "wang.fang", "wang-fang-oidc-2026");
        URI callback = back.uri().resolve(back.headers().firstValue("Location").orElseThrow());
        URI otherState = URI.create(callback.toString().replaceAll("([?&]state=)[^&]+", "$1" + "another-login-state"));
        HttpResponse<String> refused = person.get(otherState);
        // No state cookie of this browser matches: the code is not redeemed, and the person is sent to log in again.
        assertEquals(302, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Location").orElse("").startsWith(issuer.get()), refused.headers().map().toString());
        assertTrue(person.session().isEmpty(), "another login's state gave a console session: " + person.cookieNames());
        // ... and the code of that login, once the state is its own again, is still this browser's to redeem: it was not spent.
        assertEquals(200, person.follow(person.get(callback)).statusCode(), "the browser's own way back");
        assertTrue(person.session().isPresent());
    }

    @Test
    void theLoginsOwnCookiesEndWithItAndOpenNoOtherDoor() throws Exception {
        Browser person = Browser.fresh();
        HttpResponse<String> back = toTheCallback(person, "wang.fang", "wang-fang-oidc-2026");
        String flow = codeFlowCookies(person);
        HttpResponse<String> landed = person.follow(back);
        assertEquals(200, landed.statusCode(), landed.body());
        assertTrue(person.session().isPresent());
        for (String setCookie : landed.headers().allValues("Set-Cookie")) {
            if (setCookie.startsWith("q_")) {
                assertTrue(setCookie.matches("(?i).*(max-age=0|expires=thu, 01 jan 1970).*"), "a code-flow cookie left alive: " + setCookie);
                assertTrue(setCookie.contains("Path=/login/oidc"), "a code-flow cookie for other paths: " + setCookie);
            }
        }
        assertTrue(person.cookieNames().stream().noneMatch(n -> n.startsWith("q_")), "quarkus-oidc's cookies outlive the login: "
                + person.cookieNames());

        // The login's cookies, and a session cookie in quarkus-oidc's name, played at the other doors.
        HttpClient http = HttpClient.newHttpClient();
        for (String cookie : List.of(flow, "q_session_console=" + flow.replaceAll("^[^=]*=", ""), "q_session=forged")) {
            HttpResponse<Void> api = http.send(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/node")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(401, api.statusCode(), cookie + " opens the API");
            assertEquals("Bearer", api.headers().firstValue("WWW-Authenticate").orElse(""), "the API asks for its key, not the provider");
            HttpResponse<Void> page = http.send(HttpRequest.newBuilder(base.toURI()).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(303, page.statusCode(), cookie + " opens a console page");
            assertEquals("/login", page.headers().firstValue("Location").map(l -> URI.create(l).getPath()).orElse(""));
            HttpResponse<Void> withKey = http.send(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/node")).header("Cookie", cookie)
                    .header("Authorization", "Bearer demo-specialist-market").build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, withKey.statusCode(), "a system's key still works beside " + cookie);
        }
    }

    /** The code-flow cookies (quarkus-oidc's, {@code q_*}) a browser holds now, as a Cookie header. */
    private static String codeFlowCookies(Browser browser) {
        return browser.cookies().getCookieStore().getCookies().stream().filter(c -> c.getName().startsWith("q_"))
                .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    @Test
    void theProviderCannotVouchForAnOrganisationTheNodeDoesNotAcceptFromIt() throws Exception {
        Browser browser = Browser.fresh();
        HttpResponse<String> refused = logIn(browser, "mallory", "mallory-oidc-2026");
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("91510100MA6CGUXW3X") && refused.body().contains("pdx.console.oidc.organisations"),
                "the refusal says which organisation and what to configure: " + refused.body());
        assertTrue(browser.session().isEmpty(), "no console session: " + browser.cookieNames());
        assertEquals(0L, sql.one("select count(*) from console_account where display_name like ?", rs -> rs.getLong(1), "%Mallory%")
                .orElseThrow(), "no account was made for the refused person");
    }

    @Test
    void theProvidersOwnTokensOpenNoOtherDoor() throws Exception {
        // A genuine token of the provider for the same person, as another of its applications holds it.
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=password&client_id=other-app&client_secret=other-app-secret-2026&scope=openid"
                + "&username=wang.fang&password=wang-fang-oidc-2026";
        HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(issuer.get() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tokens.statusCode(), tokens.body());
        for (String kind : List.of("access_token", "id_token")) {
            Matcher m = Pattern.compile("\"" + kind + "\":\"([^\"]+)\"").matcher(tokens.body());
            assertTrue(m.find(), kind);
            String bearer = "Bearer " + m.group(1);
            assertEquals(401, http.send(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/node")).header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), kind + " is no API key");
            HttpResponse<Void> console = http.send(HttpRequest.newBuilder(base.toURI()).header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(303, console.statusCode(), kind + " opens no console page");
            assertEquals("/login", console.headers().firstValue("Location").map(l -> URI.create(l).getPath()).orElse(""));
            HttpResponse<Void> login = http.send(HttpRequest.newBuilder(base.toURI().resolve("/login/oidc")).header("Authorization", bearer).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(303, login.statusCode(), kind + " is not taken in place of the code flow");
            assertEquals("/login/oidc/callback", login.headers().firstValue("Location").map(l -> URI.create(l).getPath()).orElse(""));
            HttpResponse<Void> callback = http.send(HttpRequest.newBuilder(base.toURI().resolve("/login/oidc/callback"))
                    .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(302, callback.statusCode(), kind + " is not taken at the way back either");
            assertTrue(callback.headers().firstValue("Location").orElse("").startsWith(issuer.get()), "the person is sent to the provider");
            assertTrue(callback.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("pdx_session=") && !c.startsWith("pdx_session=;")),
                    kind + " made a console session");
        }
    }

    @Test
    void thePersonLogsInWithTheProviderInARealBrowser() throws Exception {
        WebDriver driver = chromium.driver();
        // The provider's pages are slower than the node's: a longer wait than the console tests'.
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));

        driver.get(base + "login");
        WebElement button = driver.findElement(By.id("login-oidc"));
        assertTrue(button.getText().contains("Keycloak"), button.getText());
        screenshot("oidc-01-login");
        button.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        assertTrue(driver.getCurrentUrl().startsWith(issuer.get()), driver.getCurrentUrl());
        driver.findElement(By.id("username")).sendKeys("wang.fang");
        driver.findElement(By.id("password")).sendKeys("wang-fang-oidc-2026");
        screenshot("oidc-02-provider");
        driver.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().equals(base.toString()) && !d.findElements(By.cssSelector("form[action='/logout']")).isEmpty());
        assertTrue(driver.getPageSource().contains("芳"), "the person's name from the provider is shown");
        screenshot("oidc-03-today");
    }

    private void refusedWhenTheProviderAnswers(KeycloakProvider.Mode mode, String reason) throws Exception {
        mode(mode);
        Browser browser = Browser.fresh();
        HttpResponse<String> refused = logIn(browser, "wang.fang", "wang-fang-oidc-2026");
        assertEquals(401, refused.statusCode(), mode + ": " + refused.body());
        assertTrue(refused.body().contains(reason), mode + " is refused for its own reason (" + reason + "): " + refused.body());
        assertFalse(refused.body().contains("eyJ"), mode + ": the refusal does not show the token");
        assertTrue(browser.session().isEmpty(), mode + " gave a console session: " + browser.cookieNames());
        HttpResponse<String> today = browser.get(base.toURI());
        assertEquals(303, today.statusCode(), mode + ": the console still asks for a login");
    }

    /** The code flow as a browser runs it: to the provider, its login form, back to the console. */
    private HttpResponse<String> logIn(Browser browser, String username, String password) throws Exception {
        return browser.follow(toTheCallback(browser, username, password));
    }

    /** The code flow up to the provider's redirect back to the console, not followed. */
    private HttpResponse<String> toTheCallback(Browser browser, String username, String password) throws Exception {
        HttpResponse<String> form = browser.follow(browser.get(base.toURI().resolve("/login/oidc")));
        assertEquals(200, form.statusCode(), "the provider's login form: " + form.uri());
        assertTrue(form.uri().toString().startsWith(issuer.get()), "the login form is the provider's: " + form.uri());
        Matcher action = FORM_ACTION.matcher(form.body());
        assertTrue(action.find(), "the provider's login form");
        String body = Map.of("username", username, "password", password, "credentialId", "").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> posted = browser.http().send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, posted.statusCode(), "the provider accepted the password: " + posted.body());
        return posted;
    }

    private void mode(KeycloakProvider.Mode mode) throws Exception {
        if (issuer.isEmpty()) {
            return;
        }
        URI control = URI.create(issuer.get()).resolve("/__mode?" + mode);
        assertEquals(204, HttpClient.newHttpClient().send(HttpRequest.newBuilder(control).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode());
    }

    private static void screenshot(String name) {
        chromium.screenshot(name);
    }
}
