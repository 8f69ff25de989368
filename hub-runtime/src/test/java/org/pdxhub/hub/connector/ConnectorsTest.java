package org.pdxhub.hub.connector;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.exchange.Datasets;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.hub.store.Sql;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.admin;
import static org.pdxhub.hub.testing.DemoKeys.specialist;

/** A file connector configured on the node: files through the real gate into the dataset. */
@QuarkusTest
@TestProfile(ConnectorsTest.WithFileConnector.class)
class ConnectorsTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final Path DROP = Path.of("target", "connector-drop-" + UUID.randomUUID()).toAbsolutePath();
    static final String PERSON = "公安局户籍系统文件导出";
    /** A file database with AUTO_SERVER: the test and the node open it from different class loaders. */
    static final String DEPT_DB = "jdbc:h2:file:" + Path.of("target", "dept-" + UUID.randomUUID()).toAbsolutePath() + ";AUTO_SERVER=TRUE";

    /**
     * The connectors of this node: a department database and a drop folder for the population
     * resource, and a drop folder for a resource that is not published (BatchRefusedBeforeTheGateTest's).
     * One profile for the three test classes: each profile costs the suite a build and a start of the node.
     */
    public static class WithFileConnector implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DROP);
                Files.createDirectories(BatchRefusedBeforeTheGateTest.DROP);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            Map<String, String> config = new java.util.HashMap<>(Map.of("pdx.connectors.population-db.kind", "jdbc",
                    "pdx.connectors.population-db.url", DEPT_DB,
                    "pdx.connectors.population-db.table", "residents",
                    "pdx.connectors.population-db.position-column", "change_no",
                    "pdx.connectors.population-db.resource", POPULATION,
                    "pdx.connectors.population-db.person", "公安局户籍库",
                    "pdx.connectors.population-db.purpose", "人口基础信息汇聚",
                    "pdx.connectors.population-db.poll", "300ms"));
            config.putAll(Map.of("pdx.connectors.population-drop.kind", "file",
                    "pdx.connectors.population-drop.folder", DROP.toString(),
                    "pdx.connectors.population-drop.resource", POPULATION,
                    "pdx.connectors.population-drop.person", PERSON,
                    "pdx.connectors.population-drop.purpose", "人口基础信息汇聚",
                    "pdx.connectors.population-drop.poll", "200ms"));
            config.putAll(Map.of("pdx.connectors.unpublished-drop.kind", "file",
                    "pdx.connectors.unpublished-drop.folder", BatchRefusedBeforeTheGateTest.DROP.toString(),
                    "pdx.connectors.unpublished-drop.resource", BatchRefusedBeforeTheGateTest.UNPUBLISHED,
                    "pdx.connectors.unpublished-drop.person", PERSON,
                    "pdx.connectors.unpublished-drop.purpose", "人口基础信息汇聚",
                    "pdx.connectors.unpublished-drop.poll", "200ms"));
            return config;
        }
    }

    @Inject
    Datasets datasets;

    @Inject
    Sql sql;

    @Inject
    Connectors connectors;

    /** A citizen id of Kangding (513301) with a valid check digit (GB 11643). */
    static String citizenId(int serial) {
        String body = "51330119900101" + String.format("%03d", serial);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static String wrongCheckDigit(String id) {
        return id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
    }

    static void drop(String name, byte[] content) throws Exception {
        Path tmp = DROP.resolve("." + name);
        Files.write(tmp, content);
        Files.setLastModifiedTime(tmp, FileTime.from(Instant.now().minusSeconds(5)));
        Files.move(tmp, DROP.resolve(name));
    }

    @Test
    void aCsvDroppedInTheFolderPassesTheGateAndLandsInTheDataset() throws Exception {
        long before = datasets.count(POPULATION);
        String csv = "citizen_id,person_name,birth_date\n"
                + citizenId(101) + ",卓玛,1990-01-01\n"
                + citizenId(102) + ",扎西,1990-01-01\n"
                + citizenId(103) + ",格桑,1990-01-01\n"
                + wrongCheckDigit(citizenId(104)) + ",央金,1990-01-01\n";
        drop("population.csv", csv.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(DROP.resolve("done/population.csv")));
        await().atMost(Duration.ofSeconds(15)).until(() -> datasets.count(POPULATION) >= before + 3);
        assertEquals(before + 3, datasets.count(POPULATION), "three valid records landed, the bad id did not");
        assertTrue(sql.count("select count(*) from usage_log where person = ? and resource_code = ? and record_count = 3",
                PERSON, POPULATION) >= 1, "the usage log names the connector's person");
    }

    @Test
    void aPdfNamedCsvGoesToFailedWithTheReason() throws Exception {
        drop("scan.csv", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
        Path reason = DROP.resolve("failed/scan.csv.reason.txt");
        // The reason is written first, then Camel moves the file: both are awaited, or the move can be a moment late.
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(reason) && Files.exists(DROP.resolve("failed/scan.csv")));
        assertTrue(Files.readString(reason).contains("application/pdf"), Files.readString(reason));
    }

    @Test
    void rowsOfADepartmentTablePassTheGateOnceAndThePositionIsStored() throws Exception {
        long before = datasets.count(POPULATION);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(DEPT_DB, "", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("create table residents (change_no bigint primary key, citizen_id varchar(18), person_name varchar(50))");
            s.execute("insert into residents values (1, '" + citizenId(201) + "', '次仁'), (2, '" + citizenId(202) + "', '拉姆')");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> datasets.count(POPULATION) >= before + 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> "2".equals(sql.one(
                "select pos_value from connector_position where connector = 'population-db' and pos_key = 'position'",
                rs -> rs.getString(1)).orElse(null)));
        Thread.sleep(1000);
        assertEquals(2, sql.count("select coalesce(sum(record_count), 0) from usage_log where person = ?", "公安局户籍库"),
                "each row passed the gate once");
    }

    @Test
    void operatorsSeeTheInstancesWithStateAndCountsAndSpecialistsDoNot() {
        admin().when().get("/api/v1/connectors")
                .then().statusCode(200)
                .body("instances.find { it.name == 'population-drop' }.kind", equalTo("file"))
                .body("instances.find { it.name == 'population-drop' }.state", equalTo("UP"))
                .body("instances.find { it.name == 'population-drop' }.counts.keySet()", hasItem("records-sent"))
                .body("instances.find { it.name == 'population-db' }.kind", equalTo("jdbc"))
                .body("kinds.kind", hasItem("file"))
                .body("kinds.kind", hasItem("jdbc"));
        specialist().when().get("/api/v1/connectors").then().statusCode(403);
    }

    @Test
    void anUnknownKindIsRefusedNamingTheKeyAndTheKnownKinds() {
        StartupRefused e = assertThrows(StartupRefused.class, () -> connectors.create(Map.of("ftp-in", Map.of("kind", "ftp"))));
        assertEquals("pdx.connectors.ftp-in.kind", e.key());
        assertTrue(e.getMessage().contains("[file, jdbc]"), e.getMessage());
    }

    @Test
    void aMissingUnknownOrInvalidOptionIsRefusedNamingIt() {
        Map<String, String> good = Map.of("kind", "file", "folder", DROP.toString(), "resource", POPULATION, "person", "p", "purpose", "q");
        assertEquals("pdx.connectors.x.folder", assertThrows(StartupRefused.class,
                () -> connectors.create(Map.of("x", without(good, "folder")))).key());
        assertEquals("pdx.connectors.x.folde", assertThrows(StartupRefused.class,
                () -> connectors.create(Map.of("x", with(good, "folde", "/tmp")))).key());
        assertEquals("pdx.connectors.x.batch-size", assertThrows(StartupRefused.class,
                () -> connectors.create(Map.of("x", with(good, "batch-size", "lots")))).key());
        assertEquals("pdx.connectors.x.batch-size", assertThrows(StartupRefused.class,
                () -> connectors.create(Map.of("x", with(good, "batch-size", "0")))).key());
        StartupRefused beyondAnInt = assertThrows(StartupRefused.class,
                () -> connectors.create(Map.of("x", with(good, "batch-size", "3000000000"))));
        assertEquals("pdx.connectors.x.batch-size", beyondAnInt.key(), "a number the old long check passed and the kind's int parse crashed on");
        assertTrue(beyondAnInt.getMessage().contains("1 to 100000"), beyondAnInt.getMessage());
        assertEquals("pdx.connectors.x.folder", assertThrows(StartupRefused.class,
                () -> connectors.create(Map.of("x", with(good, "folder", DROP.resolve("missing").toString())))).key());
        assertEquals(1, connectors.create(Map.of("x", good)).size());
    }

    @Test
    void aPositionIsKeptPerInstanceAndOverwritten() {
        StorePositions a = new StorePositions(sql, "a-" + UUID.randomUUID(), Clock.systemUTC());
        StorePositions b = new StorePositions(sql, "b-" + UUID.randomUUID(), Clock.systemUTC());
        assertTrue(a.get("id").isEmpty());
        a.put("id", "41");
        a.put("id", "42");
        b.put("id", "7");
        assertEquals("42", a.get("id").orElseThrow());
        assertEquals("7", b.get("id").orElseThrow());
    }

    static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> copy = new java.util.HashMap<>(m);
        copy.put(k, v);
        return copy;
    }

    static Map<String, String> without(Map<String, String> m, String k) {
        Map<String, String> copy = new java.util.HashMap<>(m);
        copy.remove(k);
        return copy;
    }
}
