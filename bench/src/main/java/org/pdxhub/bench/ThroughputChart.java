package org.pdxhub.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart of throughput, on a log scale because the benchmarks span four orders
 * of magnitude (an HMAC per value next to a null). hutool's rows are orange, the floor grey,
 * ours blue; an outline around a bar reaches the throughput per CPU-second, when
 * {@link CpuTimeProfiler} ran. Drawn with java.awt in headless mode: no display, no packages.
 */
public final class ThroughputChart {

    private static final Color OURS = new Color(0x3A6EA5);
    private static final Color HUTOOL = new Color(0xE0823A);
    private static final Color FLOOR = new Color(0x9A9A9A);
    private static final int BAR = 18;
    private static final int GAP = 8;
    private static final int PLOT_WIDTH = 560;

    public static void write(List<Suite.Row> rows, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        Font bold = font.deriveFont(Font.BOLD, 14f);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        FontMetrics metrics = probe.createGraphics().getFontMetrics(font);
        int labelWidth = rows.stream().mapToInt(r -> metrics.stringWidth(r.shortName())).max().orElse(100) + 16;
        int top = 64;
        int left = labelWidth + 10;
        int width = left + PLOT_WIDTH + 230;
        int height = top + rows.size() * (BAR + GAP) + 40;

        double max = rows.stream().mapToDouble(r -> Double.isNaN(r.perCpuSecond()) ? r.score() : Math.max(r.score(), r.perCpuSecond()))
                .max().orElse(10);
        double min = rows.stream().mapToDouble(Suite.Row::score).filter(s -> s > 0).min().orElse(1);
        int lowDecade = (int) Math.floor(Math.log10(min));
        int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(max)));

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(bold);
        g.drawString(title, 10, 22);

        g.setFont(font);
        g.drawString("bars: operations per second (wall clock), with the 99.9% error; outlines: per CPU-second of the JVM",
                10, 42);
        int bottom = top + rows.size() * (BAR + GAP);
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            int x = left + (int) Math.round((decade - lowDecade) * (double) PLOT_WIDTH / (highDecade - lowDecade));
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(x, top - 6, x, bottom);
            g.setColor(Color.DARK_GRAY);
            String tick = decadeLabel(decade);
            g.drawString(tick, x - metrics.stringWidth(tick) / 2, bottom + 16);
        }
        g.drawString("operations per second", left + PLOT_WIDTH / 2 - 60, bottom + 32);

        for (int i = 0; i < rows.size(); i++) {
            Suite.Row row = rows.get(i);
            int y = top + i * (BAR + GAP);
            g.setColor(Color.BLACK);
            g.drawString(row.shortName(), left - 10 - metrics.stringWidth(row.shortName()), y + BAR - 5);
            int end = xOf(row.score(), lowDecade, highDecade, left);
            g.setColor(colour(row.shortName()));
            g.fillRect(left, y, Math.max(1, end - left), BAR);
            String label = human(row.score());
            if (!Double.isNaN(row.perCpuSecond())) {
                int cpuEnd = xOf(row.perCpuSecond(), lowDecade, highDecade, left);
                g.setStroke(new BasicStroke(1.5f));
                g.drawRect(left, y, Math.max(1, cpuEnd - left), BAR);
                end = Math.max(end, cpuEnd);
                label += "  (" + human(row.perCpuSecond()).replace("/s", "/cpu-s") + ")";
            }
            if (!Double.isNaN(row.error()) && row.error() > 0) {
                int from = xOf(Math.max(row.score() - row.error(), Math.pow(10, lowDecade)), lowDecade, highDecade, left);
                int to = Math.min(xOf(row.score() + row.error(), lowDecade, highDecade, left), left + PLOT_WIDTH);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1f));
                g.drawLine(from, y + BAR / 2, to, y + BAR / 2);
                end = Math.max(end, to);
            }
            g.setColor(Color.BLACK);
            g.drawString(label, Math.max(end, left) + 6, y + BAR - 5);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** Draws {@code DIR/throughput.png} again from {@code DIR/summary.csv}, e.g. after changing this class. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ThroughputChart RESULTS_DIR (a folder ./hub bench wrote)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Suite.Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            rows.add(new Suite.Row(c[0], Double.parseDouble(c[1]), number(c[2]), c[3], number(c[4]), number(c[5])));
        }
        write(rows, Suite.title(dir), dir.resolve("throughput.png"));
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    private static int xOf(double score, int lowDecade, int highDecade, int left) {
        double fraction = (Math.log10(Math.max(score, Math.pow(10, lowDecade))) - lowDecade) / (highDecade - lowDecade);
        return left + (int) Math.round(fraction * PLOT_WIDTH);
    }

    private static Color colour(String name) {
        String lower = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return lower.contains("hutool") ? HUTOOL : lower.endsWith("copyonly") ? FLOOR : OURS;
    }

    private static String decadeLabel(int decade) {
        return decade >= 9 ? (long) Math.pow(10, decade - 9) + "G" : decade >= 6 ? (long) Math.pow(10, decade - 6) + "M"
                : decade >= 3 ? (long) Math.pow(10, decade - 3) + "k" : String.valueOf((long) Math.pow(10, decade));
    }

    static String human(double score) {
        return score >= 1e6 ? String.format(Locale.ROOT, "%.2f M/s", score / 1e6)
                : score >= 1e3 ? String.format(Locale.ROOT, "%.0f k/s", score / 1e3)
                : String.format(Locale.ROOT, "%.0f /s", score);
    }

    private ThroughputChart() {
    }
}
