package org.pdxhub.hub.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS tests, made with the JDK's keytool (what
 * deploy/topology.sh does for the demo): PKCS12 stores under a folder in target/, never committed.
 */
public final class TestCertificates {

    public static final String PASSWORD = "test-store-password";

    private final Path dir;
    private final Path caStore;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caStore = dir.resolve("ca.p12");
    }

    /** A new CA in {@code dir}, with a trust store holding only its certificate ({@link #trustStore()}). */
    public static TestCertificates authority(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestCertificates ca = new TestCertificates(dir);
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=PDX test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.caStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.caStore.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve("ca.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(),
                "-keystore", ca.trustStore().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return ca;
    }

    public Path trustStore() {
        return dir.resolve("trust.p12");
    }

    /**
     * A key pair for {@code dname} signed by this CA, valid for 127.0.0.1 and localhost (server and
     * client use), in {@code <name>.p12} with its chain.
     */
    public Path issue(String name, String dname) throws IOException {
        Path store = dir.resolve(name + ".p12");
        Path request = dir.resolve(name + ".csr");
        Path chain = dir.resolve(name + "-chain.pem");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD, "-file", request.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASSWORD,
                "-infile", request.toString(), "-outfile", chain.toString(), "-validity", "2",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth,clientAuth");
        Files.writeString(chain, Files.readString(chain) + Files.readString(dir.resolve("ca.pem")), StandardCharsets.US_ASCII);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", chain.toString(), "-keystore", store.toString(),
                "-storepass", PASSWORD);
        return store;
    }

    /** A self-signed key pair for {@code dname}: what someone without the CA could make. */
    public Path selfSigned(String name, String dname) throws IOException {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-validity", "2",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return store;
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
