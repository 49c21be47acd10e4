package vaelab.data.scenes;

import vaelab.tensor.Parallel;
import vaelab.tensor.Rng;

/**
 * A generated set of scenes: 32×32 RGB pictures with their attributes, a caption each (about half
 * English, half Chinese) and a sentiment label. Example i of a split is drawn from its own generator,
 * seeded by the split and i alone, so any example can be regenerated, generation runs in parallel
 * with the same result, and the splits never share a seed.
 */
public final class ScenesDataset {
    public static final String[] SENTIMENT_NAMES = {"negative", "positive"};
    private static final int PIXELS = 3 * SceneRenderer.SIZE * SceneRenderer.SIZE;

    public enum Split {
        TRAIN(0x7261696EL), VALIDATION(0x76616C69L), TEST(0x74657374L);

        final long salt;

        Split(long salt) {
            this.salt = salt;
        }
    }

    private final Split split;
    private final Scene[] scenes;
    private final String[] captions;
    private final Language[] languages;
    private final float[] pixels; // (count, 3, 32, 32)

    private ScenesDataset(Split split, int count) {
        this.split = split;
        this.scenes = new Scene[count];
        this.captions = new String[count];
        this.languages = new Language[count];
        this.pixels = new float[count * PIXELS];
    }

    /** The generator of example {@code index} of {@code split}: a seed from both, mixed so that nearby seeds differ. */
    public static Rng exampleRng(Split split, int index) {
        Rng mixer = new Rng(split.salt * 0x9E3779B97F4A7C15L + index);
        return new Rng(mixer.nextLong());
    }

    /** The first {@code count} examples of {@code split}. */
    public static ScenesDataset generate(Split split, int count) {
        return generate(split, 0, count);
    }

    /**
     * Examples {@code from} … {@code from + count − 1} of {@code split}: further pictures of the same
     * split, e.g. a fresh set for each epoch of a model that should not see the same ones twice.
     */
    public static ScenesDataset generate(Split split, int from, int count) {
        if (count < 0 || from < 0 || (long) from + count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("need 0 <= from and 0 <= count with from + count < 2^31, got " + from + ", " + count);
        }
        ScenesDataset d = new ScenesDataset(split, count);
        int tasks = Math.max(1, Math.min(Parallel.threads(), count / 256));
        Parallel.forEach(tasks, t -> {
            for (int i = count * t / tasks; i < count * (t + 1) / tasks; i++) {
                Rng rng = exampleRng(split, from + i);
                Scene s = Scene.random(rng);
                Language lang = rng.nextInt(2) == 0 ? Language.ENGLISH : Language.CHINESE;
                d.scenes[i] = s;
                d.languages[i] = lang;
                d.captions[i] = Captioner.caption(s, lang, rng);
                System.arraycopy(SceneRenderer.render(s, rng), 0, d.pixels, i * PIXELS, PIXELS);
            }
        });
        return d;
    }

    public int count() {
        return scenes.length;
    }

    public Split split() {
        return split;
    }

    public Scene scene(int i) {
        return scenes[i];
    }

    public String caption(int i) {
        return captions[i];
    }

    public Language language(int i) {
        return languages[i];
    }

    /** All pictures, (count, 3, 32, 32), in the array this set keeps: callers must not write to it. */
    public float[] pixels() {
        return pixels;
    }

    /** The pixels of example i, (3, 32, 32). */
    public float[] image(int i) {
        return java.util.Arrays.copyOfRange(pixels, i * PIXELS, (i + 1) * PIXELS);
    }
}
