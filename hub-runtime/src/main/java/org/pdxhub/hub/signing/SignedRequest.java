package org.pdxhub.hub.signing;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The signature headers of one request and what they sign, for {@link SignedRequestIdentityProvider}. */
public class SignedRequest extends BaseAuthenticationRequest {

    final String method;
    final String pathAndQuery;
    final String keyId;
    final String timestamp;
    final String nonce;
    final String contentSha256;
    final String signature;

    SignedRequest(String method, String pathAndQuery, String keyId, String timestamp, String nonce, String contentSha256, String signature) {
        this.method = method;
        this.pathAndQuery = pathAndQuery;
        this.keyId = keyId;
        this.timestamp = timestamp;
        this.nonce = nonce;
        this.contentSha256 = contentSha256;
        this.signature = signature;
    }
}
