package org.pdxhub.hub;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/articles.md says which test shows each article is kept. A row naming a test that was renamed
 * or removed would be a promise nobody checks, so every Class#method it names must exist as a test.
 */
class ArticleTableTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern TEST_REF = Pattern.compile("\\b([A-Z][A-Za-z0-9]*(?:Test|IT))#([a-z][A-Za-z0-9]*)");

    @Test
    void everyTestTheArticleTableNamesExists() throws IOException {
        Map<String, List<Path>> sources = testSources();
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (String line : Files.readAllLines(ROOT.resolve("docs/articles.md"))) {
            if (!line.startsWith("| ")) {
                continue;
            }
            Matcher m = TEST_REF.matcher(line);
            while (m.find()) {
                named++;
                String cls = m.group(1), method = m.group(2);
                boolean found = sources.getOrDefault(cls, List.of()).stream()
                        .anyMatch(p -> declares(p, method));
                if (!found) {
                    missing.add(cls + "#" + method);
                }
            }
        }
        assertTrue(named > 40, "the table names " + named + " tests; it should name the tests of every applicable article");
        assertEquals(List.of(), missing, "docs/articles.md names tests that do not exist");
    }

    private static boolean declares(Path source, String method) {
        try {
            return Pattern.compile("void\\s+" + method + "\\s*\\(").matcher(Files.readString(source)).find();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<Path>> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .collect(Collectors.groupingBy(p -> p.getFileName().toString().replace(".java", "")));
        }
    }
}
