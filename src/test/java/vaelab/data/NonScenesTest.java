package vaelab.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonScenesTest {
    @Test
    void eachKindInTurnTheSameForTheSameSeedAndInRange() {
        NonScenes.Set a = NonScenes.generate(3, 11, null);
        NonScenes.Set b = NonScenes.generate(3, 11, null);
        assertThat(a.count()).isEqualTo(3 * (NonScenes.Kind.values().length - 1)); // no Fashion-MNIST given
        assertThat(a.kinds()).doesNotContain(NonScenes.Kind.FASHION_MNIST).startsWith(NonScenes.Kind.SOLID_COLOUR);
        assertThat(a.pixels()).hasSize(a.count() * 3 * 32 * 32).isEqualTo(b.pixels());
        for (float v : a.pixels()) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(NonScenes.generate(3, 12, null).pixels()).isNotEqualTo(a.pixels());
    }

    @Test
    void aSolidColourIsOneColourAndClothesComeFromTheGivenImages() {
        NonScenes.Set s = NonScenes.generate(1, 2, null);
        float[] p = s.pixels();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 1024; i++) {
                assertThat(p[c * 1024 + i]).isEqualTo(p[c * 1024]);
            }
        }
        float[] one = new float[28 * 28];
        for (int i = 0; i < one.length; i++) {
            one[i] = (i / 28 > 6 && i / 28 < 20 && i % 28 > 8 && i % 28 < 20) ? 1f : 0f;
        }
        LabeledImages fashion = new LabeledImages(one, new int[] {0}, 1, 1, 28, 28, new String[] {"shirt"});
        NonScenes.Set withClothes = NonScenes.generate(1, 2, fashion);
        int at = withClothes.kinds().indexOf(NonScenes.Kind.FASHION_MNIST);
        float[] px = withClothes.pixels();
        assertThat(px[at * 3072]).isZero(); // the black border
        assertThat(px[at * 3072 + 16 * 32 + 16]).isGreaterThan(0.9f); // the white middle, grey in all three channels
        assertThat(px[at * 3072 + 1024 + 16 * 32 + 16]).isEqualTo(px[at * 3072 + 16 * 32 + 16]);
    }
}
