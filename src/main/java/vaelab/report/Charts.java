package vaelab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Charts drawn with JFreeChart: training curves, and a 2-D PCA map of latent codes coloured by class. */
public final class Charts {
    /** Colours that read on white (JFreeChart's defaults include a pale yellow). */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)
    };

    private Charts() {
    }

    /** One line per named series of (x, y) points, e.g. "test −ELBO" per epoch. */
    public static BufferedImage lines(String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
                                      int width, int height) {
        return lineChart(title, xLabel, yLabel, series).createBufferedImage(width, height);
    }

    static JFreeChart lineChart(String title, String xLabel, String yLabel, Map<String, List<double[]>> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries s = new XYSeries(name);
            for (double[] p : points) {
                if (Double.isFinite(p[1])) {
                    s.add(p[0], p[1]);
                }
            }
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        plot.setRenderer(r);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        wholeNumberTicks((org.jfree.chart.axis.NumberAxis) plot.getDomainAxis(), series);
        return chart;
    }

    /**
     * Epochs are whole numbers: ticks at whole numbers only, and a single epoch shown from one before to
     * one after (JFreeChart would otherwise spread a zero-width range into fractional ticks such as "1E0").
     */
    private static void wholeNumberTicks(org.jfree.chart.axis.NumberAxis axis, Map<String, List<double[]>> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                if (p[0] != Math.rint(p[0])) {
                    return;
                }
                min = Math.min(min, p[0]);
                max = Math.max(max, p[0]);
            }
        }
        if (min > max) {
            return;
        }
        axis.setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        if (min == max) {
            axis.setRange(min - 1, max + 1);
        }
    }

    /**
     * Projects the rows of {@code points} (n, d) onto their first two principal components (SVD of the
     * centred matrix, by EJML) and scatters them, one colour per class.
     */
    public static BufferedImage pcaScatter(String title, float[][] points, int[] labels, String[] classNames, int width, int height) {
        double[][] xy = pca2(points);
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries[] byClass = new XYSeries[classNames.length];
        for (int c = 0; c < classNames.length; c++) {
            byClass[c] = new XYSeries(classNames[c]);
            data.addSeries(byClass[c]);
        }
        for (int i = 0; i < points.length; i++) {
            byClass[labels[i]].add(xy[i][0], xy[i][1]);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, "principal component 1", "principal component 2", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        java.awt.Shape dot = new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3);
        for (int c = 0; c < classNames.length; c++) {
            r.setSeriesShape(c, dot);
            r.setSeriesPaint(c, Color.getHSBColor(c / (float) classNames.length, 0.85f, 0.85f));
        }
        return chart.createBufferedImage(width, height);
    }

    /** The coordinates of each row on the first two principal axes. */
    static double[][] pca2(float[][] points) {
        PrincipalPlane plane = PrincipalPlane.of(points);
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = plane.project(points[i]);
        }
        return out;
    }
}
