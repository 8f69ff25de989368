package org.pdxhub.hub.console;

/** A console page was asked for without a live session: the answer is the login page. */
public class LoginRequired extends RuntimeException {

    public LoginRequired() {
        super(null, null, false, false);
    }
}
