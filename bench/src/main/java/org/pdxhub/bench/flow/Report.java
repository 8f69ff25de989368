package org.pdxhub.bench.flow;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The flows' table, CSV files, HDR percentile distributions and chart. */
final class Report {

    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};
    private static final Color[] COLOURS = {new Color(0x4C78A8), new Color(0xF58518), new Color(0x54A24B)};

    final Path dir;
    final List<FlowRun.Outcome> flows = new ArrayList<>();
    FlowBench.CsvOutcome csv;
    List<Startup.Row> startup = List.of();

    Report(Path dir) {
        this.dir = dir;
    }

    void write() throws IOException {
        if (!flows.isEmpty()) {
            StringBuilder out = new StringBuilder("flow,phase,records_per_message,rate_msg_s,sent,ended,lost,messages_per_s,records_per_s");
            for (double p : PERCENTILES) {
                out.append(",p").append(label(p)).append("_ms");
            }
            out.append('\n');
            for (FlowRun.Outcome o : flows) {
                out.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%d,%.1f,%.1f", o.spec().variant(), o.spec().phase(),
                        o.spec().recordsPerMessage(), o.spec().rate(), o.sent(), o.ended(), o.lost(), o.messagesPerSecond(),
                        o.recordsPerSecond()));
                for (double p : PERCENTILES) {
                    out.append(String.format(Locale.ROOT, ",%.3f", o.latencyMicros().getValueAtPercentile(p) / 1000.0));
                }
                out.append('\n');
                try (PrintStream hgrm = new PrintStream(dir.resolve("latency-" + o.spec().variant() + "-" + o.spec().phase() + ".hgrm").toFile(),
                        StandardCharsets.UTF_8)) {
                    o.latencyMicros().outputPercentileDistribution(hgrm, 1000.0);
                }
            }
            Files.writeString(dir.resolve("flows.csv"), out);
        }
        if (csv != null) {
            Files.writeString(dir.resolve("csv-load.csv"), String.format(Locale.ROOT,
                    "rows,bytes,generate_s,batches_landed,records_held,first_landed_s,all_landed_s,complete,landed,refused_one_by_one,"
                            + "refused_whole,unaccounted%n%d,%d,%.2f,%d,%d,%.2f,%.2f,%b,%d,%d,%d,%d%n",
                    csv.rows(), csv.bytes(), csv.generateSeconds(), csv.batches(), csv.records(), csv.firstLandedSeconds(),
                    csv.seconds(), csv.complete(), csv.accounting().landed(), csv.accounting().refusedOneByOne(),
                    csv.accounting().refusedWhole(), csv.accounting().unaccounted(csv.rows())));
        }
        if (!startup.isEmpty()) {
            StringBuilder out = new StringBuilder("lever,median_ms,runs_ms,note\n");
            for (Startup.Row r : startup) {
                out.append(r.lever()).append(',').append(r.median()).append(',')
                        .append(java.util.Arrays.toString(r.millis()).replace(", ", " ")).append(",\"")
                        .append(r.note().replace('"', '\'')).append("\"\n");
            }
            Files.writeString(dir.resolve("startup.csv"), out);
        }
        if (!flows.isEmpty()) {
            try {
                chart(dir.resolve("flows.png"));
            } catch (Exception | Error e) {
                System.err.println("The flows chart could not be drawn (" + e + "); the CSV files are written.");
            }
        }
    }

    void print(PrintStream out) {
        if (!flows.isEmpty()) {
            out.println();
            out.printf("%-8s %-9s %7s %7s %12s %13s %9s %9s %9s %9s %9s%n", "flow", "phase", "ended", "lost", "messages/s",
                    "records/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");
            for (FlowRun.Outcome o : flows) {
                var h = o.latencyMicros();
                out.printf(Locale.ROOT, "%-8s %-9s %7d %7d %,12.0f %,13.0f %9.2f %9.2f %9.2f %9.2f %9.2f%n", o.spec().variant(),
                        o.spec().phase(), o.ended(), o.lost(), o.messagesPerSecond(), o.recordsPerSecond(),
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                        h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
            }
            goals(out);
        }
        if (csv != null) {
            out.printf(Locale.ROOT, "%nCSV: %,d rows (%,d bytes): first batch landed %.1f s and all %s %.1f s after the drop; "
                            + "%,d batches and %,d records landed%n", csv.rows(), csv.bytes(), csv.firstLandedSeconds(),
                    csv.complete() ? "" : "(INCOMPLETE)", csv.seconds(), csv.batches(), csv.records());
            var a = csv.accounting();
            out.printf(Locale.ROOT, "CSV rows: %,d landed, %,d refused one by one with a reason, %,d in batches refused whole,"
                            + " %,d not accounted for; %,d dataset rows still hold a row of the file (the others were replaced by a"
                            + " later version of the same key)%n", a.landed(), a.refusedOneByOne(), a.refusedWhole(),
                    a.unaccounted(csv.rows()), a.heldNow());
        }
        if (!startup.isEmpty()) {
            out.println();
            out.println("Start to healthy (median):");
            for (Startup.Row r : startup) {
                out.printf("  %-16s %6d ms  %s%n", r.lever(), r.median(), r.note());
            }
        }
    }

    /** The goals of the message path, each a ratio against Artemis alone measured in the same run. */
    private void goals(PrintStream out) {
        Optional<FlowRun.Outcome> gateRate = flows.stream().filter(o -> o.spec().variant().equals("gate") && o.spec().constantRate()).findFirst();
        Optional<FlowRun.Outcome> artemisRate = flows.stream().filter(o -> o.spec().variant().equals("artemis") && o.spec().constantRate()).findFirst();
        if (gateRate.isPresent() && artemisRate.isPresent()) {
            double g = gateRate.get().latencyMicros().getValueAtPercentile(99) / 1000.0;
            double a = artemisRate.get().latencyMicros().getValueAtPercentile(99) / 1000.0;
            out.printf(Locale.ROOT, "Goal: steady %d msg/s, the gate path keeps up and its p99 is within 3x Artemis alone's: %d late,"
                            + " p99 %.2f ms vs %.2f ms (%.1fx) -> %s%n", gateRate.get().spec().rate(), gateRate.get().lost(), g, a, g / a,
                    gateRate.get().lost() == 0 && g <= 3 * a ? "met" : "not met");
        }
        ratio(out, "max1", "single records as fast as it goes, >= 50% of Artemis alone's msg/s", 0);
        ratio(out, "max100", "batches of 100, >= 100,000 records/s and >= 50% of Artemis alone's records/s", 100_000);
    }

    private void ratio(PrintStream out, String phase, String goal, double floor) {
        Optional<FlowRun.Outcome> gate = find("gate", phase);
        Optional<FlowRun.Outcome> artemis = find("artemis", phase);
        if (gate.isPresent() && artemis.isPresent()) {
            double g = gate.get().recordsPerSecond();
            double r = g / artemis.get().recordsPerSecond();
            out.printf(Locale.ROOT, "Goal: %s: %,.0f records/s, %.0f%% of Artemis alone (%,.0f) -> %s%n", goal, g, r * 100,
                    artemis.get().recordsPerSecond(), r >= 0.5 && g >= floor ? "met" : "not met");
        }
    }

    private Optional<FlowRun.Outcome> find(String variant, String phase) {
        return flows.stream().filter(o -> o.spec().variant().equals(variant) && o.spec().phase().equals(phase)).findFirst();
    }

    private static String label(double p) {
        return p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p).replace('.', '_');
    }

    /** Left: latency by percentile at the constant rate; right: records/s as fast as each flow goes. */
    private void chart(Path file) throws IOException {
        int w = 1200;
        int h = 520;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Whole flows: gate path vs bare Camel route vs Artemis alone (" + dir.getFileName() + ")", 20, 25);

        List<FlowRun.Outcome> rate = flows.stream().filter(o -> o.spec().constantRate()).toList();
        int x0 = 80;
        int y0 = 460;
        int pw = 480;
        int ph = 380;
        double maxMs = rate.stream().mapToDouble(o -> o.latencyMicros().getValueAtPercentile(99.99) / 1000.0).max().orElse(1);
        maxMs = niceCeiling(maxMs);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axes(g, x0, y0, pw, ph);
        for (int i = 0; i <= 4; i++) {
            int y = y0 - ph * i / 4;
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(x0, y, x0 + pw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.1f", maxMs * i / 4), x0 - 45, y + 4);
        }
        double[] ps = {0, 50, 90, 99, 99.9, 99.99};
        for (int i = 0; i < ps.length; i++) {
            int x = x0 + pw * i / (ps.length - 1);
            g.drawString(ps[i] == 0 ? "min" : "p" + (ps[i] == Math.rint(ps[i]) ? String.valueOf((int) ps[i]) : String.valueOf(ps[i])), x - 12, y0 + 18);
        }
        g.drawString("latency (ms) from the intended send, " + (rate.isEmpty() ? "" : rate.get(0).spec().rate() + " msg/s, one record each"), x0, y0 - ph - 12);
        for (int v = 0; v < rate.size(); v++) {
            var hist = rate.get(v).latencyMicros();
            g.setColor(COLOURS[v % COLOURS.length]);
            g.setStroke(new BasicStroke(2.5f));
            int px = -1;
            int py = -1;
            for (int i = 0; i < ps.length; i++) {
                double ms = (ps[i] == 0 ? hist.getMinValue() : hist.getValueAtPercentile(ps[i])) / 1000.0;
                int x = x0 + pw * i / (ps.length - 1);
                int y = y0 - (int) Math.min(ph, ph * ms / maxMs);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 3, y - 3, 6, 6);
                px = x;
                py = y;
            }
            g.drawString(rate.get(v).spec().variant(), x0 + 10, y0 - ph + 20 + 16 * v);
        }

        List<FlowRun.Outcome> max = flows.stream().filter(o -> !o.spec().constantRate()).toList();
        int bx0 = 680;
        int bw = 480;
        g.setStroke(new BasicStroke(1f));
        axes(g, bx0, y0, bw, ph);
        double maxRecords = niceCeiling(max.stream().mapToDouble(FlowRun.Outcome::recordsPerSecond).max().orElse(1));
        for (int i = 0; i <= 4; i++) {
            int y = y0 - ph * i / 4;
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(bx0, y, bx0 + bw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f", maxRecords * i / 4), bx0 - 70, y + 4);
        }
        g.drawString("records/s as fast as it goes", bx0, y0 - ph - 12);
        List<String> phases = max.stream().map(o -> o.spec().phase()).distinct().toList();
        int slot = bw / Math.max(1, phases.size());
        for (int pi = 0; pi < phases.size(); pi++) {
            String phase = phases.get(pi);
            List<FlowRun.Outcome> in = max.stream().filter(o -> o.spec().phase().equals(phase)).toList();
            int barW = (slot - 40) / Math.max(1, in.size());
            for (int v = 0; v < in.size(); v++) {
                double r = in.get(v).recordsPerSecond();
                int bh = (int) (ph * r / maxRecords);
                int x = bx0 + pi * slot + 20 + v * barW;
                g.setColor(COLOURS[v % COLOURS.length]);
                g.fillRect(x, y0 - bh, barW - 6, bh);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%,.0f", r), x, y0 - bh - 4);
                g.drawString(in.get(v).spec().variant(), x, y0 + 14);
            }
            g.drawString(phase.equals("max100") ? "batches of 100" : phase.equals("max1") ? "single records" : phase,
                    bx0 + pi * slot + slot / 2 - 40, y0 + 32);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void axes(Graphics2D g, int x0, int y0, int w, int h) {
        g.setColor(Color.BLACK);
        g.drawLine(x0, y0, x0 + w, y0);
        g.drawLine(x0, y0, x0, y0 - h);
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
