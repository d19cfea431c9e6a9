package io.boreal.bench.cluster;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Draws a failover timeline as a PNG with Java2D (no chart library): tps per second as a line,
 * the baseline's 90% as a dotted line, and a vertical line at each marked moment (the kill,
 * the first write on a moved partition…), each labelled.
 */
public final class TimelineChart {

    /** A labelled moment on the time axis. */
    public record Mark(double second, String label, Color color) {
    }

    private static final int WIDTH = 960;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 56;
    private static final int BOTTOM = 50;

    private TimelineChart() {
    }

    /** Writes the chart of {@code timeline} to {@code file} (its directory is created). */
    public static void write(Path file, String title, FailoverTimeline timeline, List<Mark> marks) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            draw(g, title, timeline, marks);
        } finally {
            g.dispose();
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, String title, FailoverTimeline timeline, List<Mark> marks) {
        long[] tps = timeline.perSecond();
        int seconds = Math.max(1, tps.length);
        long top = Math.max(1, java.util.Arrays.stream(tps).max().orElse(1));
        double yMax = niceCeiling(top * 1.1);
        Axis x = new Axis(LEFT, WIDTH - RIGHT, 0, seconds);
        Axis y = new Axis(HEIGHT - BOTTOM, TOP, 0, yMax);

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            int py = y.pixel(v);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(LEFT, py, WIDTH - RIGHT, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%,.0f", v), 8, py + 4);
        }
        int step = seconds <= 30 ? 5 : 10;
        for (int s = 0; s <= seconds; s += step) {
            g.drawString(Integer.toString(s), x.pixel(s) - 6, HEIGHT - BOTTOM + 18);
        }
        g.drawString("seconds since the load began", WIDTH / 2 - 80, HEIGHT - 12);
        g.drawString("committed tps", 8, TOP - 8);
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);

        double bar = FailoverTimeline.RECOVERED * timeline.baseline();
        g.setColor(new Color(120, 120, 120));
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        g.drawLine(LEFT, y.pixel(bar), WIDTH - RIGHT, y.pixel(bar));
        g.drawString("90% of the tps before the kill", WIDTH - RIGHT - 190, y.pixel(bar) - 4);

        int labelRow = 0;
        for (Mark mark : marks) {
            int px = x.pixel(mark.second());
            g.setColor(mark.color());
            g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
            g.drawString(mark.label(), px + 4, TOP + 14 + 14 * labelRow++);
        }

        g.setStroke(new BasicStroke(2f));
        g.setColor(new Color(30, 90, 200));
        for (int s = 1; s < tps.length; s++) {
            // the tps of second s is drawn at its middle
            g.drawLine(x.pixel(s - 0.5), y.pixel(tps[s - 1]), x.pixel(s + 0.5), y.pixel(tps[s]));
        }
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code v}. */
    static double niceCeiling(double v) {
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** A linear map from values to pixels. */
    private record Axis(int fromPixel, int toPixel, double fromValue, double toValue) {
        int pixel(double value) {
            return (int) Math.round(fromPixel + (toPixel - fromPixel) * (value - fromValue) / (toValue - fromValue));
        }
    }
}
