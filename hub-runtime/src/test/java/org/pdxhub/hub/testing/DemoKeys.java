package org.pdxhub.hub.testing;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Requests as the demo configuration's people and systems. */
public final class DemoKeys {

    public static final String AGENCY = "11513300MB0000001E";
    public static final String PSB = "11513300MB0000002H";
    public static final String MARKET = "11513300MB0000003L";
    public static final String HRSS = "11513300MB0000004P";

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json");
    }

    public static RequestSpecification admin() {
        return as("demo-admin");
    }

    public static RequestSpecification reviewer() {
        return as("demo-reviewer");
    }

    public static RequestSpecification specialist() {
        return as("demo-specialist");
    }

    public static RequestSpecification system() {
        return as("demo-system");
    }

    private DemoKeys() {
    }
}
