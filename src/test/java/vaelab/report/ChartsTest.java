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
}
