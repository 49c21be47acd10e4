package vaelab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;

class LabelCaptionsTest {
    @Test
    void everyCaptionNamesItsOwnClassInEitherLanguage() {
        LabelCaptions c = LabelCaptions.FASHION_MNIST;
        Rng rng = new Rng(1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int label = i % c.classes();
            String caption = c.caption(label, rng);
            seen.add(caption);
            assertThat(c.labelOf(caption)).as(caption).isEqualTo(label);
        }
        // Both languages, several templates per class.
        assertThat(seen.stream().anyMatch(s -> s.contains("照片"))).isTrue();
        assertThat(seen.stream().anyMatch(s -> s.startsWith("a photo of"))).isTrue();
        assertThat(seen).hasSizeGreaterThan(60);
    }

    @Test
    void namesInsideLongerNamesAreNotConfused() {
        LabelCaptions c = LabelCaptions.FASHION_MNIST;
        assertThat(c.labelOf("a t-shirt")).isEqualTo(0);
        assertThat(c.labelOf("a shirt")).isEqualTo(6);
        assertThat(c.labelOf("衬衫")).isEqualTo(6);
        assertThat(c.labelOf("a sandal and a bag")).isEqualTo(-1);
        assertThat(c.labelOf("nothing here")).isEqualTo(-1);
    }

    @Test
    void labelledImagesArePaddedTo32AndCaptioned() {
        float[] px = new float[2 * 28 * 28];
        java.util.Arrays.fill(px, 1f);
        LabeledImages li = new LabeledImages(px, new int[] {3, 7}, 2, 1, 28, 28, new String[10]);
        CaptionedImages ci = CaptionedImages.ofLabels(li, LabelCaptions.FASHION_MNIST, 1);
        assertThat(ci.count()).isEqualTo(2);
        assertThat(ci.pixels()).hasSize(2 * 32 * 32);
        assertThat(ci.pixels()[0]).isZero(); // the border
        assertThat(ci.pixels()[2 * 32 + 2]).isEqualTo(1f); // the first pixel of the picture
        assertThat(LabelCaptions.FASHION_MNIST.labelOf(ci.captions().get(1))).isEqualTo(7);
        assertThat(ci.labels()).containsExactly(3, 7);
    }
}
