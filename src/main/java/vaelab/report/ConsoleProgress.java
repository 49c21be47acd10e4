package vaelab.report;

import java.io.PrintWriter;
import java.util.Map;
import vaelab.train.TrainingListener;

/**
 * Training progress for people: on a terminal, one bar redrawn in place; otherwise (a log file, CI)
 * a plain line every {@code intervalSeconds} and at each epoch's end, so logs stay readable.
 */
public final class ConsoleProgress implements TrainingListener {
    private final PrintWriter out;
    private final boolean terminal;
    private final double intervalSeconds;
    private double lastPrint = -1;
    private long lastDraw;

    public ConsoleProgress(PrintWriter out, boolean terminal, double intervalSeconds) {
        this.out = out;
        this.terminal = terminal;
        this.intervalSeconds = intervalSeconds;
    }

    /** Bars when stdout is a terminal, else plain lines every 10 s. */
    public static ConsoleProgress forStdout(PrintWriter out) {
        return new ConsoleProgress(out, System.console() != null, 10);
    }

    @Override
    public void phase(String description) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(description);
        out.flush();
        lastPrint = -1;
    }

    @Override
    public void batchDone(Progress p) {
        if (terminal) {
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L && p.batch() != p.batches()) {
                return; // redraw at most 10 times a second
            }
            lastDraw = now;
            out.print("\r" + bar(p));
            out.flush();
        } else if (lastPrint < 0 || p.elapsedSeconds() < lastPrint || p.elapsedSeconds() - lastPrint >= intervalSeconds) {
            lastPrint = p.elapsedSeconds();
            out.println(line(p));
            out.flush();
        }
    }

    @Override
    public void epochDone(int epoch, Map<String, Double> metrics) {
        if (terminal) {
            out.print("\r\033[K");
        }
        StringBuilder sb = new StringBuilder("epoch " + epoch + " done:");
        metrics.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(format(k, v)));
        out.println(sb);
        out.flush();
    }

    static String bar(Progress p) {
        int width = 24;
        int filled = (int) Math.round(width * (double) p.batch() / p.batches());
        return String.format("epoch %d/%d [%s%s] %d/%d loss %.4f  %.0f img/s  ETA %s\033[K", p.epoch(), p.epochs(),
                "#".repeat(filled), ".".repeat(width - filled), p.batch(), p.batches(), p.loss(), p.imagesPerSecond(),
                duration(p.etaSeconds()));
    }

    static String line(Progress p) {
        return String.format("epoch %d/%d batch %d/%d loss %.4f %.0f img/s elapsed %s ETA %s", p.epoch(), p.epochs(),
                p.batch(), p.batches(), p.loss(), p.imagesPerSecond(), duration(p.elapsedSeconds()), duration(p.etaSeconds()));
    }

    static String format(String key, double v) {
        return key.contains("accuracy") ? String.format("%.4f", v)
                : key.equals("seconds") || key.contains("per_second") ? String.format("%.0f", v) : String.format("%.4f", v);
    }

    /** 75 → "1m15s", 3700 → "1h01m". */
    public static String duration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
    }
}
