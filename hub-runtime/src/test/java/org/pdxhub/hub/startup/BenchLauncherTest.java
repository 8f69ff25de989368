package org.pdxhub.hub.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When {@code ./hub bench} (bench/run.sh) builds before it runs: the script is copied into a folder
 * of its own with stand-in jars, a stand-in {@code mvn} that leaves the jars as they are (as Maven
 * does when nothing it builds changed) and a stand-in {@code java}, each writing down its calls.
 */
class BenchLauncherTest {

    @TempDir
    Path root;

    @Test
    void aChangeIsBuiltOnceAndAnUnchangedTreeNotAtAll() throws Exception {
        Path bench = Files.createDirectories(root.resolve("bench"));
        Files.copy(Path.of("../bench/run.sh"), bench.resolve("run.sh"));
        executable(bench.resolve("run.sh"));
        Path benchmarks = Files.createDirectories(bench.resolve("target")).resolve("benchmarks.jar");
        Files.writeString(benchmarks, "");
        Path node = Files.createDirectories(root.resolve("hub-runtime/target")).resolve("pdx-hub.jar");
        Files.writeString(node, "");
        Path source = Files.createDirectories(bench.resolve("src")).resolve("Bench.java");
        Files.writeString(source, "class Bench {}");
        assertTrue(benchmarks.toFile().setLastModified(System.currentTimeMillis() - 60_000));
        assertTrue(node.toFile().setLastModified(System.currentTimeMillis() - 60_000));
        assertTrue(source.toFile().setLastModified(System.currentTimeMillis() - 30_000));
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path builds = root.resolve("mvn-calls.txt");
        Path runs = root.resolve("java-calls.txt");
        Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"$*\" >> '" + builds + "'\n");
        Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$*\" >> '" + runs + "'\n");
        executable(bin.resolve("mvn"));
        executable(bin.resolve("java"));

        list(bin);
        list(bin);

        assertEquals(1, Files.readAllLines(builds).size(), "the edited source is built once: " + Files.readString(builds));
        assertEquals(2, Files.readAllLines(runs).size());
    }

    /** {@code ./hub bench -l}: lists the benchmarks, the shortest run that still builds first when it must. */
    private void list(Path bin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bench/run.sh").toString(), "-l").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA", bin.resolve("java").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bench/run.sh did not end: " + out);
        assertEquals(0, p.exitValue(), out);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
