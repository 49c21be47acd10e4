package vaelab.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;

/** Each attribute is visible: a simple pixel statistic tells its values apart. */
class SceneRendererTest {
    static final int N = 60;
    static final int S = SceneRenderer.SIZE;

    /** The mean of {@code stat} over N scenes drawn at random and then changed by {@code fix}. */
    static double mean(UnaryOperator<Scene> fix, java.util.function.ToDoubleFunction<float[]> stat, long seed) {
        Rng rng = new Rng(seed);
        double total = 0;
        for (int i = 0; i < N; i++) {
            total += stat.applyAsDouble(SceneRenderer.render(fix.apply(Scene.random(rng)), rng));
        }
        return total / N;
    }

    static Scene with(Scene s, Scene.Sky sky) {
        return new Scene(sky, s.land(), s.snow(), s.water(), s.plants(), s.animals());
    }

    /** Fraction of pixels in rows [y0, y1) matching {@code p} applied to (r, g, b). */
    static double fraction(float[] img, int y0, int y1, Predicate<float[]> p) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < S; x++) {
                int i = y * S + x;
                count += p.test(new float[] {img[i], img[S * S + i], img[2 * S * S + i]}) ? 1 : 0;
            }
        }
        return (double) count / ((y1 - y0) * S);
    }

    static double brightness(float[] img, int y0, int y1) {
        return fraction(img, y0, y1, c -> true) * 0 + meanOf(img, y0, y1);
    }

    static double meanOf(float[] img, int y0, int y1) {
        double s = 0;
        for (int ch = 0; ch < 3; ch++) {
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < S; x++) {
                    s += img[ch * S * S + y * S + x];
                }
            }
        }
        return s / (3.0 * (y1 - y0) * S);
    }

    @Test
    void sameSeedSamePicture() {
        Scene s = Scene.random(new Rng(3));
        assertThat(SceneRenderer.render(s, new Rng(9))).isEqualTo(SceneRenderer.render(s, new Rng(9)));
        assertThat(SceneRenderer.render(s, new Rng(9))).isNotEqualTo(SceneRenderer.render(s, new Rng(10)));
        for (float v : SceneRenderer.render(s, new Rng(9))) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void skies() {
        double sunny = mean(s -> with(s, Scene.Sky.SUNNY), img -> meanOf(img, 0, 12), 1);
        double stormy = mean(s -> with(s, Scene.Sky.STORMY), img -> meanOf(img, 0, 12), 1);
        double night = mean(s -> with(s, Scene.Sky.NIGHT), img -> meanOf(img, 0, 12), 1);
        double sunset = mean(s -> with(s, Scene.Sky.SUNSET), img -> fraction(img, 0, 13, c -> c[0] > c[2] + 0.2), 1);
        double sunnyRed = mean(s -> with(s, Scene.Sky.SUNNY), img -> fraction(img, 0, 13, c -> c[0] > c[2] + 0.2), 1);
        double cloudyGrey = mean(s -> with(s, Scene.Sky.CLOUDY), img -> fraction(img, 0, 12, c -> Math.abs(c[0] - c[2]) < 0.08 && c[0] > 0.5), 1);
        double sunnyGrey = mean(s -> with(s, Scene.Sky.SUNNY), img -> fraction(img, 0, 12, c -> Math.abs(c[0] - c[2]) < 0.08 && c[0] > 0.5), 1);
        assertThat(sunny).isGreaterThan(stormy + 0.3);
        assertThat(stormy).isGreaterThan(night + 0.05);
        assertThat(sunset).isGreaterThan(sunnyRed + 0.3);
        assertThat(cloudyGrey).isGreaterThan(sunnyGrey + 0.5);
    }

    @Test
    void water() {
        UnaryOperator<Scene> calm = s -> new Scene(Scene.Sky.SUNNY, s.land(), s.snow(), s.water(), Scene.Plants.NONE, Scene.Animals.NONE);
        Predicate<float[]> blue = c -> c[2] > c[0] + 0.4 && c[2] > 0.7;
        Predicate<float[]> brown = c -> Math.abs(c[0] - 0.45f) < 0.03 && Math.abs(c[1] - 0.33f) < 0.03 && Math.abs(c[2] - 0.18f) < 0.03;
        double clear = mean(s -> { Scene c = calm.apply(s); return new Scene(c.sky(), c.land(), c.snow(), Scene.Water.CLEAR, c.plants(), c.animals()); },
                img -> fraction(img, 18, S, blue), 2);
        double none = mean(s -> { Scene c = calm.apply(s); return new Scene(c.sky(), c.land(), c.snow(), Scene.Water.NONE, c.plants(), c.animals()); },
                img -> fraction(img, 18, S, blue), 2);
        double muddy = mean(s -> { Scene c = calm.apply(s); return new Scene(c.sky(), c.land(), c.snow(), Scene.Water.MUDDY, c.plants(), c.animals()); },
                img -> fraction(img, 18, S, brown), 2);
        double noneBrown = mean(s -> { Scene c = calm.apply(s); return new Scene(c.sky(), c.land(), c.snow(), Scene.Water.NONE, c.plants(), c.animals()); },
                img -> fraction(img, 18, S, brown), 2);
        assertThat(clear).isGreaterThan(0.08);
        assertThat(none).isLessThan(0.01);
        assertThat(muddy).isGreaterThan(0.08);
        assertThat(noneBrown).isLessThan(0.01);
    }

    @Test
    void snowCapsAndLand() {
        Predicate<float[]> white = c -> c[0] > 0.93 && c[1] > 0.93 && c[2] > 0.95;
        UnaryOperator<Scene> mountains = s -> new Scene(Scene.Sky.SUNSET, Scene.Land.MOUNTAINS, false, s.water(), s.plants(), s.animals());
        UnaryOperator<Scene> snowy = s -> new Scene(Scene.Sky.SUNSET, Scene.Land.MOUNTAINS, true, s.water(), s.plants(), s.animals());
        assertThat(mean(snowy, img -> fraction(img, 0, 17, white), 3)).isGreaterThan(mean(mountains, img -> fraction(img, 0, 17, white), 3) + 0.01);
        Predicate<float[]> sand = c -> c[0] > 0.7 && c[1] > 0.55 && c[2] < 0.55 && c[0] > c[2] + 0.25;
        UnaryOperator<Scene> desert = s -> new Scene(Scene.Sky.SUNNY, Scene.Land.DESERT, false, Scene.Water.NONE, Scene.Plants.NONE, s.animals());
        UnaryOperator<Scene> meadow = s -> new Scene(Scene.Sky.SUNNY, Scene.Land.MEADOW, false, Scene.Water.NONE, Scene.Plants.NONE, s.animals());
        assertThat(mean(desert, img -> fraction(img, 20, S, sand), 4)).isGreaterThan(0.8);
        assertThat(mean(meadow, img -> fraction(img, 20, S, sand), 4)).isLessThan(0.05);
    }

    @Test
    void plantsAndAnimals() {
        UnaryOperator<Scene> base = s -> new Scene(Scene.Sky.SUNNY, Scene.Land.DESERT, false, Scene.Water.NONE, s.plants(), s.animals());
        Predicate<float[]> canopy = c -> c[1] > c[0] + 0.25 && c[1] > c[2] + 0.25;
        double green = mean(s -> { Scene b = base.apply(s); return new Scene(b.sky(), b.land(), false, b.water(), Scene.Plants.GREEN_TREES, Scene.Animals.NONE); },
                img -> fraction(img, 0, S, canopy), 5);
        double bare = mean(s -> { Scene b = base.apply(s); return new Scene(b.sky(), b.land(), false, b.water(), Scene.Plants.BARE_TREES, Scene.Animals.NONE); },
                img -> fraction(img, 0, S, canopy), 5);
        Predicate<float[]> petal = c -> (c[0] > 0.9 && c[2] > 0.7) || (c[0] > 0.9 && c[1] < 0.3) || (c[2] > 0.9 && c[0] > 0.6 && c[1] < 0.5);
        double flowers = mean(s -> { Scene b = base.apply(s); return new Scene(b.sky(), b.land(), false, b.water(), Scene.Plants.FLOWERS, Scene.Animals.NONE); },
                img -> fraction(img, 18, S, petal), 5);
        double noFlowers = mean(s -> { Scene b = base.apply(s); return new Scene(b.sky(), b.land(), false, b.water(), Scene.Plants.NONE, Scene.Animals.NONE); },
                img -> fraction(img, 18, S, petal), 5);
        assertThat(green).isGreaterThan(bare + 0.02);
        assertThat(flowers).isGreaterThan(noFlowers + 0.02);
        Predicate<float[]> dark = c -> c[0] < 0.2 && c[1] < 0.2 && c[2] < 0.2;
        double[] counts = new double[3];
        for (Scene.Animals a : Scene.Animals.values()) {
            counts[a.ordinal()] = mean(s -> new Scene(Scene.Sky.SUNNY, Scene.Land.DESERT, false, Scene.Water.NONE, Scene.Plants.NONE, a),
                    img -> fraction(img, 13, S, dark), 6);
        }
        assertThat(counts[Scene.Animals.NONE.ordinal()]).isLessThan(0.001);
        assertThat(counts[Scene.Animals.GROUP.ordinal()]).isGreaterThan(counts[Scene.Animals.FEW.ordinal()] + 0.01);
        assertThat(counts[Scene.Animals.FEW.ordinal()]).isGreaterThan(0.005);
    }
}
