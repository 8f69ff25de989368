package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.tabular.Header;
import org.pdxhub.tabular.TabularLimits;
import org.pdxhub.tabular.Xlsx;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.route.RouteFiles.route;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.admin;

/**
 * The delivery examples of config/demo/routes/examples, as shipped, against real systems on the
 * department's side: an H2 database, a folder, and Apache MINA SSHD's SFTP server.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
class DeliveryExamplesTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final Path EXAMPLES = Path.of("..", "config", "demo", "routes", "examples").toAbsolutePath().normalize();

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Sql sql;

    @ConfigProperty(name = "department.psb.sftp.port")
    int sftpPort;

    @ConfigProperty(name = "department.psb.sftp.known-hosts")
    Path knownHosts;

    @ConfigProperty(name = "department.psb.sftp.root")
    Path sftpRoot;

    @ConfigProperty(name = "department.psb.returns-folder")
    Path returnsFolder;

    DataSource department() {
        return camel.getRegistry().lookupByNameAndType("dept-psb", DataSource.class);
    }

    void execute(String statement) throws SQLException {
        new DepartmentTables(department()).execute(statement);
    }

    List<List<String>> rows(String query) throws SQLException {
        return new DepartmentTables(department()).rows(query);
    }

    /** The example as shipped, run: copied into the node's routes folder, where it starts. */
    void installExample(String file, String routeId) throws IOException {
        RouteFiles.install(camel, file, Files.readString(EXAMPLES.resolve(file)), routeId);
    }

    /** A record of the bureau's the node holds, and the return of it to the bureau. */
    String holdAndReturn(String citizenId, String name) throws Exception {
        RouteFiles.install(camel, "held.yaml", route("held-in", "direct:held-in",
                "- to: \"pdx:ingest/" + POPULATION + "?person=人口系统&purpose=人口基础信息汇聚\""), "held-in");
        String messageId = "held-" + UUID.randomUUID();
        producer.sendBodyAndHeader("direct:held-in", List.of(Map.of("citizen_id", citizenId, "person_name", name, "mobile", "13811112222")),
                "PdxMessageId", messageId);
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
        return giveBack(citizenId);
    }

    String giveBack(String citizenId) {
        return admin().header("Pdx-Person", "州数据局").header("Pdx-Purpose", "返还公安局人口数据")
                .body(Map.of("to", PSB, "keys", List.of(citizenId)))
                .when().post("/api/v1/exchange/" + POPULATION + "/return")
                .then().statusCode(202).body("accepted", equalTo(1)).extract().path("messageId");
    }

    @Test
    void returnedRecordsAreUpsertedIntoTheDepartmentsDatabaseOnceByKey() throws Exception {
        execute("create table returned_population (citizen_id varchar(64) primary key, person_name varchar(100), mobile varchar(32),"
                + " message_id varchar(64))");
        installExample("returns-to-database.yaml", "psb-returns-to-database");
        try {
            upsertedOnceByKey();
        } finally {
            RouteFiles.remove(camel, "returns-to-database.yaml", "psb-returns-to-database");
            RouteFiles.remove(camel, "held.yaml", "held-in");
        }
    }

    private void upsertedOnceByKey() throws Exception {
        String first = holdAndReturn("513301198807070029", "拉姆");
        await().atMost(Duration.ofSeconds(15)).until(() -> rows("select message_id from returned_population").equals(List.of(List.of(first))));
        String second = giveBack("513301198807070029");
        await().atMost(Duration.ofSeconds(15)).until(() -> rows("select message_id from returned_population").equals(List.of(List.of(second))));
        List<List<String>> stored = rows("select citizen_id, person_name from returned_population");
        assertEquals(1, stored.size(), "the same record returned twice is one row: " + stored);
        assertFalse(stored.get(0).get(0).equals("513301198807070029"), "the key as returned, masked: " + stored);
        assertTrue(stored.get(0).get(1).startsWith("拉"), "the name as returned: " + stored);
    }

    @Test
    void returnedRecordsAreDroppedIntoTheDepartmentsFolderAsCsvWholeOrNotAtAll() throws Exception {
        installExample("returns-to-folder.yaml", "psb-returns-to-folder");
        try {
            droppedWhole();
        } finally {
            RouteFiles.remove(camel, "returns-to-folder.yaml", "psb-returns-to-folder");
            RouteFiles.remove(camel, "held.yaml", "held-in");
        }
    }

    private void droppedWhole() throws Exception {
        String messageId = holdAndReturn("513301199001010013", "旺堆");
        Path file = returnsFolder.resolve(POPULATION + "-" + messageId + ".csv");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(file));
        String csv = Files.readString(file);
        assertTrue(csv.lines().findFirst().orElse("").contains("citizen_id") && csv.contains("旺*"), csv);
        try (Stream<Path> files = Files.list(returnsFolder)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".part-")), "no half-written file is left");
        }
    }

    @Test
    void returnedRecordsAreDroppedIntoTheDepartmentsFolderAsAnXlsxWorkbookWholeOrNotAtAll() throws Exception {
        installExample("returns-to-folder-xlsx.yaml", "psb-returns-to-folder-xlsx");
        try {
            String messageId = holdAndReturn("513301199203030039", "卓玛");
            Path file = returnsFolder.resolve(POPULATION + "-" + messageId + ".xlsx");
            await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(file));
            List<Map<String, Object>> records = new ArrayList<>();
            List<String> header = Xlsx.readSheet(file, "records", Header.STRICT, TabularLimits.DEFAULTS, row -> records.add(row.values()));
            assertEquals(1, records.size(), "one row per returned record: " + records);
            assertTrue(header.contains("citizen_id") && header.contains("person_name"), "a header row of the resource's items: " + header);
            Map<String, Object> returned = records.get(0);
            assertTrue(String.valueOf(returned.get("person_name")).startsWith("卓"), "the name as returned: " + returned);
            assertFalse("513301199203030039".equals(returned.get("citizen_id")), "the key as returned, masked: " + returned);
            try (Stream<Path> files = Files.list(returnsFolder)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".part-")), "no half-written file is left");
            }
        } finally {
            RouteFiles.remove(camel, "returns-to-folder-xlsx.yaml", "psb-returns-to-folder-xlsx");
            RouteFiles.remove(camel, "held.yaml", "held-in");
        }
    }

    @Test
    void returnedRecordsArePutOnTheDepartmentsSftpServerAndDroppedFilesComeIn() throws Exception {
        SshServer sshd = sftpServer();
        try {
            installExample("returns-to-sftp.yaml", "psb-returns-to-sftp");
            String messageId = holdAndReturn("513301198807070029", "拉姆");
            Path uploaded = sftpRoot.resolve("returns").resolve(POPULATION + "-" + messageId + ".csv");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(uploaded));
            assertTrue(Files.readString(uploaded).contains("拉*"), Files.readString(uploaded));
            RouteFiles.remove(camel, "returns-to-sftp.yaml", "psb-returns-to-sftp");

            Path outbox = Files.createDirectories(sftpRoot.resolve("outbox"));
            Files.writeString(outbox.resolve("population.csv"), "citizen_id,person_name,mobile\r\n513301199001010013,旺堆,13900000000\r\n");
            installExample("population-from-sftp.yaml", "psb-population-from-sftp");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(outbox.resolve(".done").resolve("population.csv")));
            assertEquals(1, sql.count("select count(*) from usage_log where key_id = 'route:psb-population-from-sftp' and decision = 'DELIVERED'"));
            RouteFiles.remove(camel, "population-from-sftp.yaml", "psb-population-from-sftp");
        } finally {
            sshd.stop(true);
            RouteFiles.remove(camel, "returns-to-sftp.yaml", "psb-returns-to-sftp");
            RouteFiles.remove(camel, "population-from-sftp.yaml", "psb-population-from-sftp");
            RouteFiles.remove(camel, "held.yaml", "held-in");
        }
    }

    @Test
    void rowsOfTheDepartmentsTableGoThroughTheGateOnce() throws Exception {
        execute("create table population (citizen_id varchar(18) primary key, person_name varchar(50), birth_date varchar(10),"
                + " address varchar(100), mobile varchar(20), sent_to_pdx boolean default false not null)");
        execute("insert into population (citizen_id, person_name, birth_date, address, mobile) values"
                + " ('513301199001010013', '旺堆', '1990-01-01', '康定市', '13900000000'), ('513301198807070029', '拉姆', '1988-07-07', '康定市', '13800000000')");
        installExample("population-from-database.yaml", "psb-population-from-database");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> rows("select count(*) from population where sent_to_pdx").equals(List.of(List.of("2"))));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                sql.count("select count(*) from usage_log where key_id = 'route:psb-population-from-database' and decision = 'DELIVERED'") == 2);
        } finally {
            RouteFiles.remove(camel, "population-from-database.yaml", "psb-population-from-database");
        }
        assertEquals(2, sql.count("select count(*) from usage_log where key_id = 'route:psb-population-from-database' and decision = 'DELIVERED'"),
                "each row once");
    }

    SshServer sftpServer() throws Exception {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
        Files.createDirectories(sftpRoot);
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "[127.0.0.1]:" + sftpPort + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(sftpPort);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPasswordAuthenticator((user, password, session) -> "dept".equals(user) && "s3cret-口令".equals(password));
        s.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        s.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        s.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                List.of(BuiltinDHFactories.curve25519, BuiltinDHFactories.ecdhp256, BuiltinDHFactories.dhg14_256), ServerBuilder.DH2KEX));
        s.start();
        return s;
    }
}
