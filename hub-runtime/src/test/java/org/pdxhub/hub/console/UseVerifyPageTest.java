package org.pdxhub.hub.console;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.account.Sessions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** The Use page's verify status: a reviewer sees the chain's state and the witness; a specialist is refused, as by the API. */
@QuarkusTest
class UseVerifyPageTest {

    @Inject
    Sessions sessions;

    @Inject
    Accounts accounts;

    @Test
    void aReviewerSeesTheChainVerifiedAndASpecialistIsRefusedAsByTheApi() {
        String reviewer = sessions.open(accounts.find("reviewer").orElseThrow()).id();
        given().cookie(Sessions.COOKIE, reviewer).get("/use").then().statusCode(200).body(containsString("id=\"use-verify\""));
        given().cookie(Sessions.COOKIE, reviewer).get("/use/verify").then().statusCode(200)
                .body(containsString("id=\"verify-intact\""), containsString("id=\"witness\""));
        String specialist = sessions.open(accounts.find("specialist").orElseThrow()).id();
        given().cookie(Sessions.COOKIE, specialist).get("/use").then().statusCode(200);
        given().cookie(Sessions.COOKIE, specialist).get("/use/verify").then().statusCode(403).body(containsString("id=\"problem\""));
    }

    @Test
    void theLineagePageAsksForARecordAndSaysPlainlyWhenThereIsNone() {
        String reviewer = sessions.open(accounts.find("reviewer").orElseThrow()).id();
        given().cookie(Sessions.COOKIE, reviewer).get("/use/lineage").then().statusCode(200).body(containsString("id=\"l-key\""));
        given().cookie(Sessions.COOKIE, reviewer).queryParam("resource", "GZ-NONE-001").queryParam("key", "no-such-record")
                .get("/use/lineage").then().statusCode(404).body(containsString("id=\"problem\""), containsString("GZ-NONE-001"));
        String specialist = sessions.open(accounts.find("specialist").orElseThrow()).id();
        given().cookie(Sessions.COOKIE, specialist).queryParam("resource", "GZ-NONE-001").queryParam("key", "x")
                .get("/use/lineage").then().statusCode(403);
    }
}
