package org.pdxhub.hub.startup;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM options {@code ./hub run} gives the node, read from the command lines it launches: the
 * launcher is copied into a folder of its own with a stand-in jar (so that it finds nothing to
 * build) and a stand-in {@code java} that writes down its arguments and exits.
 */
class HubLauncherTest {

    static final Path HUB = Path.of("../hub");
    static final String PARALLEL = "-XX:+UseParallelGC";
    static final String METASPACE = "-XX:MetaspaceSize=256m";

    @TempDir
    Path root;
    Path calls;
    Path java;

    @BeforeEach
    void aLauncherWithAStandInJdk() throws IOException {
        Files.copy(HUB, root.resolve("hub"));
        executable(root.resolve("hub"));
        Files.createDirectories(root.resolve("hub-runtime/target"));
        Files.writeString(root.resolve("hub-runtime/target/pdx-hub.jar"), "");
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/node.properties"), "quarkus.http.port=1\n");
        calls = root.resolve("java-calls.txt");
        Path jdk = Files.createDirectories(root.resolve("jdk/bin"));
        Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"25.0.1\"\n");
        java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
        executable(java);
    }

    @Test
    void theNodeRunsOnTheParallelCollectorWithRoomForItsClassesBeforeAFullCollection() throws Exception {
        run(Map.of("PDX_CDS", "off"));

        List<String> lines = Files.readAllLines(calls);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(PARALLEL + " " + METASPACE), lines.get(0));
        assertTrue(lines.get(0).endsWith("-jar " + root.toRealPath().resolve("hub-runtime/target/pdx-hub.jar")), lines.get(0));
    }

    @Test
    void aCollectorNamedInJavaOptsIsTheOnlyOne() throws Exception {
        run(Map.of("PDX_CDS", "off", "JAVA_OPTS", "-Xmx1g -XX:+UseG1GC"));

        String line = Files.readAllLines(calls).get(0);
        assertTrue(line.startsWith("-Xmx1g -XX:+UseG1GC "), line);
        assertFalse(line.contains(PARALLEL) || line.contains(METASPACE), line);
    }

    @Test
    void aSettingOfTheOperatorsOwnComesLaterOnTheCommandLineAndSoWins() throws Exception {
        run(Map.of("PDX_CDS", "off", "JAVA_OPTS", "-XX:MetaspaceSize=512m"));

        String line = Files.readAllLines(calls).get(0);
        assertTrue(line.startsWith(PARALLEL + " " + METASPACE + " -XX:MetaspaceSize=512m "), line);
    }

    @Test
    void theStartUpArchiveIsMadeOnTheSameCollectorAndMadeAgainWhenTheCollectorChanges() throws Exception {
        Path aot = root.resolve("hub-runtime/target/pdx-hub.aot");
        Files.writeString(aot, "an archive made on G1");
        Files.writeString(root.resolve("hub-runtime/target/pdx-hub.aot.jdk"), java.toRealPath() + " 25\n");
        assertTrue(aot.toFile().setLastModified(System.currentTimeMillis() + 60_000));

        String out = run(Map.of());

        List<String> lines = Files.readAllLines(calls);
        assertEquals(2, lines.size(), lines + "\n" + out);
        String training = lines.get(0);
        assertTrue(training.contains("-XX:AOTCacheOutput=") && training.contains(PARALLEL + " " + METASPACE), training);
        assertTrue(lines.get(1).contains(PARALLEL), lines.get(1));
    }

    @Test
    void aChangeTheBuildLeavesOutIsBuiltOnceNotAtEveryRun() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path builds = root.resolve("mvn-calls.txt");
        // A build that changes nothing in the node's modules leaves the jar as it was, as Maven does.
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"$*\" >> '" + builds + "'\n");
        executable(bin.resolve("mvn"));
        Path source = Files.createDirectories(root.resolve("bench/src")).resolve("Bench.java");
        Files.writeString(source, "class Bench {}");
        assertTrue(root.resolve("hub-runtime/target/pdx-hub.jar").toFile().setLastModified(System.currentTimeMillis() - 60_000));
        assertTrue(source.toFile().setLastModified(System.currentTimeMillis() - 30_000));
        Map<String, String> env = Map.of("PDX_CDS", "off", "PATH", bin + ":" + System.getenv("PATH"));

        run(env);
        run(env);

        assertEquals(1, Files.readAllLines(builds).size(), Files.readString(builds));
        assertEquals(2, Files.readAllLines(calls).size());
    }

    @Test
    void aJdkFoundThroughALinkIsKnownByItsReleaseFile() throws Exception {
        Path link = Files.createDirectories(root.resolve("usr/bin")).resolve("java");
        Files.createSymbolicLink(link, java);

        run(Map.of("PDX_JAVA", link.toString()));
        Files.writeString(root.resolve("jdk/release"), "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"17.0.17\"\n");
        run(Map.of("PDX_JAVA", link.toString()));

        List<String> lines = Files.readAllLines(calls);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("-XX:AOTCacheOutput="), "JDK 25 makes an AOT cache: " + lines.get(0));
        assertTrue(lines.get(2).contains("-XX:ArchiveClassesAtExit="), "Java 17 makes a class-data archive: " + lines.get(2));
    }

    @Test
    void aRelativeDataFolderReachesTheNodeAsAnAbsoluteOne() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("hub").toString(), "run", "--config", "config", "--data", "data/")
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("PDX_JAVA", java.toString());
        pb.environment().put("PDX_CDS", "off");
        pb.environment().remove("JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);

        String line = Files.readAllLines(calls).get(0);
        assertTrue(line.contains("-Dpdx.data-dir=" + root.toRealPath().resolve("data") + " "), line);
        assertTrue(line.contains("-Dpdx.config-dir=" + root.toRealPath().resolve("config") + " "), line);
    }

    @Test
    void twoRunsStartedAtOnceMakeOneArchiveAndBothStartWithIt() throws Exception {
        // A training start that takes a moment, as a real one does, and leaves the archive it was asked for.
        Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n"
                + "for a in \"$@\"; do case \"$a\" in -XX:AOTCacheOutput=*) sleep 2; echo archive > \"${a#-XX:AOTCacheOutput=}\";; esac; done\n");

        Process first = start(Map.of());
        Process second = start(Map.of());
        String out = finish(first) + finish(second);

        List<String> lines = Files.readAllLines(calls);
        assertEquals(1, lines.stream().filter(l -> l.contains("-XX:AOTCacheOutput=")).count(), lines + "\n" + out);
        List<String> nodes = lines.stream().filter(l -> !l.contains("-XX:AOTCacheOutput=")).toList();
        assertEquals(2, nodes.size(), lines.toString());
        String cache = "-XX:AOTCache=" + root.toRealPath().resolve("hub-runtime/target/pdx-hub.aot");
        nodes.forEach(l -> assertTrue(l.contains(cache), l));
        assertTrue(out.contains("waiting for it"), out);
        assertEquals("archive", Files.readString(root.resolve("hub-runtime/target/pdx-hub.aot")).strip());
    }

    private String run(Map<String, String> env) throws Exception {
        return finish(start(env));
    }

    private Process start(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("hub").toString(), "run", "--config", root.resolve("config").toString(),
                "--data", root.resolve("data").toString()).redirectErrorStream(true);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("QUARKUS_HTTP_PORT");
        pb.environment().put("PDX_JAVA", java.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "./hub run did not end: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
