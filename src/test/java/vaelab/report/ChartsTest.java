package vaelab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ChartsTest {
    @Test
    void pcaFindsTheDirectionOfMostVariance() {
        // Points along (1, 1, 0) with a little spread along z: PC1 recovers position along the line.
        float[][] pts = new float[50][];
        for (int i = 0; i < 50; i++) {
            float t = i - 25;
            pts[i] = new float[] {t, t, 0.01f * (i % 3)};
        }
        double[][] xy = Charts.pca2(pts);
        for (int i = 0; i < 50; i++) {
            assertThat(Math.abs(xy[i][0])).isCloseTo(Math.abs((i - 24.5) * Math.sqrt(2)), within(1e-3)); // centred: mean t is −0.5
            assertThat(Math.abs(xy[i][1])).isLessThan(0.05);
        }
    }

    @Test
    void imageGridPlacesPixels() {
        float[] px = new float[2 * 2 * 2];
        px[0] = 1f; // first image, top-left white
        BufferedImage img = ImageGrid.render(px, 2, 1, 2, 2, 2, 3, null);
        assertThat(img.getWidth()).isEqualTo(2 * (2 * 3 + 2) + 2);
        assertThat(img.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(img.getRGB(2 + 3, 2) & 0xFFFFFF).isZero();
    }

    @Test
    void epochsAreTickedAtWholeNumbersEvenForASingleEpoch() {
        var one = java.util.Map.of("test loss", java.util.List.of(new double[] {1, 262.7}));
        var axis = (org.jfree.chart.axis.NumberAxis) Charts.lineChart("t", "epoch", "nats", one).getXYPlot().getDomainAxis();
        assertThat(axis.getRange().getLowerBound()).isBetween(0.0, 0.5);
        assertThat(axis.getRange().getUpperBound()).isBetween(1.5, 2.0);
        // Laid out on a chart of 700 pixels, the tick unit JFreeChart picks from the standard units is whole.
        var image = new BufferedImage(700, 320, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        var area = new java.awt.geom.Rectangle2D.Double(0, 0, 700, 320);
        var ticks = axis.refreshTicks(g, new org.jfree.chart.axis.AxisState(), area, org.jfree.chart.ui.RectangleEdge.BOTTOM);
        g.dispose();
        assertThat(ticks).isNotEmpty();
        for (Object t : ticks) {
            var tick = (org.jfree.chart.axis.NumberTick) t;
            if (tick.getTickType() == org.jfree.chart.axis.TickType.MAJOR) { // minor ticks carry no label
                assertThat(tick.getValue()).isEqualTo(Math.rint(tick.getValue()));
                assertThat(tick.getText()).doesNotContain("E").isEqualTo(String.valueOf((int) tick.getValue()));
            }
        }
        // Fractional x values keep JFreeChart's own ticks.
        var half = java.util.Map.of("loss", java.util.List.of(new double[] {0.5, 1}, new double[] {1.5, 2}));
        var auto = (org.jfree.chart.axis.NumberAxis) Charts.lineChart("t", "x", "y", half).getXYPlot().getDomainAxis();
        assertThat(auto.getStandardTickUnits()).isNotEqualTo(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
    }
}
