package org.pdxhub.hub.messaging;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Set;

/** Whose a client certificate is: the organisation (USCC) its subject names. */
final class ClientCertificates {

    /** Subject attributes where a USCC is put: CN, O, OU, serialNumber, organizationIdentifier. */
    private static final Set<String> NAMING = Set.of("CN", "O", "OU", "2.5.4.5", "SERIALNUMBER", "2.5.4.97");

    /** Whether one of the subject's naming attributes is exactly {@code uscc}. */
    static boolean names(X509Certificate certificate, String uscc) {
        LdapName subject;
        try {
            subject = new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
        } catch (InvalidNameException e) {
            return false;
        }
        for (Rdn rdn : subject.getRdns()) {
            if (NAMING.contains(rdn.getType().toUpperCase()) && uscc.equals(text(rdn.getValue()))) {
                return true;
            }
        }
        return false;
    }

    /** RFC 2253 writes attributes it has no name for as hex DER ({@code #0c12...}): a short string is unwrapped. */
    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof byte[] der && der.length > 2 && der[1] >= 0 && der[1] == der.length - 2) {
            return new String(der, 2, der.length - 2, StandardCharsets.UTF_8);
        }
        return null;
    }

    private ClientCertificates() {
    }
}
