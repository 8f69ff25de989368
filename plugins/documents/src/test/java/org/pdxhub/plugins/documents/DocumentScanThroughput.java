package org.pdxhub.plugins.documents;

import com.sun.management.OperatingSystemMXBean;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pages per second of scanning a set of PDFs in the node's JVM and in a child JVM per document
 * (bench/README.md, "Documents: pages per second"). Not a test: run with
 * {@code -Dtest=DocumentScanThroughput -Dbench.documents=true}.
 */
@EnabledIfSystemProperty(named = "bench.documents", matches = "true")
class DocumentScanThroughput {

    /** 20 forms of 10 pages in Helvetica, and the example certificate (one page, CJK) 20 times. */
    private static List<byte[]> pdfSet() throws Exception {
        List<byte[]> set = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("Applicant " + i + ", citizen ID " + Planted.CITIZEN_ID + ", mobile " + Planted.MOBILE + ", card " + Planted.BANK_CARD);
        }
        for (int i = 0; i < 20; i++) {
            set.add(TestDocuments.pdf(lines, 10, "Clerk " + i));
        }
        byte[] certificate = Files.readAllBytes(Path.of("../../config/demo/documents/certificate.pdf"));
        for (int i = 0; i < 20; i++) {
            set.add(certificate);
        }
        return set;
    }

    private static int pages(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void pagesPerSecond() throws Exception {
        List<byte[]> set = pdfSet();
        int pages = set.stream().mapToInt(DocumentScanThroughput::pages).sum();
        try (DocumentScanner inNode = new DocumentScanner(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1);
             DocumentScanner childPerDocument = DocumentScanner.forked(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1,
                     ForkedParsing.Options.defaults(256).withPool(0, 1));
             DocumentScanner warmPool = DocumentScanner.forked(TestPlugins.CHECKS, TestPlugins.PSEUDONYMS, 1,
                     ForkedParsing.Options.defaults(256))) {
            Map<DocumentScanner, String> names = Map.of(inNode, "in the node's JVM", childPerDocument, "a child JVM per document",
                    warmPool, "warm children (pool)");
            for (DocumentScanner scanner : List.of(inNode, childPerDocument, warmPool, inNode, childPerDocument, warmPool)) {
                scanner.scan(set.get(0), "warm.pdf", ScanPolicy.DEFAULTS);
                long cpu0 = cpuNanos();
                long started = System.nanoTime();
                for (int i = 0; i < set.size(); i++) {
                    scanner.scan(set.get(i), i + ".pdf", ScanPolicy.DEFAULTS);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("%s: %d documents, %d pages in %.1f s: %.1f pages/s, %.1f documents/s, node CPU %.1f s%n",
                        names.get(scanner), set.size(), pages, seconds, pages / seconds, set.size() / seconds,
                        (cpuNanos() - cpu0) / 1e9);
            }
        }
    }

    /** The gate's scan of one record's text fields: patterns, HanLP, and short values that hold nothing remembered. */
    @Test
    void microsecondsPerRecordTextField() {
        TextIdentifierFinder finder = new TextIdentifierFinder(TestPlugins.CHECKS);
        List<String> fields = List.of("卓玛", "女", "藏族", "513301", "四川省甘孜藏族自治州康定市炉城镇光明路12号", "在册",
                "户主扎西，联系电话13987654321，现住理塘县高城镇团结路8号");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 5; round++) {
            int n = 28_000;
            long cpu0 = cpuNanos();
            long thread0 = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                finder.find(fields.get(i % fields.size()));
            }
            // The process's CPU counts the JIT's and the collector's threads too; the scanning thread's is the scan's own.
            System.out.printf("text field scan: %.1f µs wall, %.1f µs CPU of the process, %.1f µs CPU of the scanning thread"
                            + " per field (mean of the %d fields)%n", (System.nanoTime() - started) / 1e3 / n,
                    (cpuNanos() - cpu0) / 1e3 / n, (threads.getCurrentThreadCpuTime() - thread0) / 1e3 / n, fields.size());
        }
    }

    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
