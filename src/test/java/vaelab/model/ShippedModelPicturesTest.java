package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import vaelab.api.TextImageModel;
import vaelab.data.scenes.ScenesDataset;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * The shipped Gaussian model draws, rebuilds and captions exactly as it did when it was shipped: a
 * digest of its pictures from three sentences, of its rebuilding of real scenes and of its captions.
 * Refactoring the model's code (its parts, their tensor names) must not move a bit. The products run
 * on the scalar kernel here, whose bits are Java's float arithmetic on every machine; the Vector API
 * kernel sums in an order that depends on the vector width, so its bits are the same at any thread
 * count but not on every CPU.
 */
class ShippedModelPicturesTest {
    static final String DIGEST = "4fec6125d68e14b873bbb7389078dc116bcfbe844224974bed98dfa5274eadf5";
    /** The shipped discrete model's, from before residual codes renamed its codebook to the first level's. */
    static final String DISCRETE_DIGEST = "3cd0be5ee99f0db0ca41f08edc32eb1117cfb1b7b72418bbc9344e8c9c5fa0c5";
    /** The same, its pictures drawn with guidance scale 3 (CodePrior.Sampling). */
    static final String DISCRETE_GUIDED_DIGEST = "13c6819963d055c548ed86b9b33d36373a9b16249d67ec8ae77eaaf88f2b2178";

    @org.junit.jupiter.api.BeforeAll
    static void scalarKernel() {
        vaelab.tensor.Gemm.useVector(false);
    }

    @org.junit.jupiter.api.AfterAll
    static void vectorKernelAgain() {
        vaelab.tensor.Gemm.useVector(true);
    }

    static String digest(Path file, float guidance) throws Exception {
        TextImageModel api = TextImageModel.load(file);
        TextImageNetwork m = api.network().withGuidance(guidance);
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (String text : List.of("a sunny meadow with flowers and a few animals", "雪山和清澈的湖泊", "a gloomy stormy night")) {
            float[] pictures = m.picturesFromText(List.of(text), 3, 0.7f, 4, new Rng(5));
            ByteBuffer b = ByteBuffer.allocate(4 * pictures.length);
            b.asFloatBuffer().put(pictures);
            d.update(b.array());
        }
        ScenesDataset real = ScenesDataset.generate(ScenesDataset.Split.TEST, 8);
        Tensor images = Tensor.of(real.pixels(), 8, 3, 32, 32);
        float[] rebuilt = m.rebuild(images);
        ByteBuffer b = ByteBuffer.allocate(4 * rebuilt.length);
        b.asFloatBuffer().put(rebuilt);
        d.update(b.array());
        for (String c : m.captionsOf(images, new Rng(1))) {
            d.update(c.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    @Test
    void theShippedGaussianModelDrawsTheSameBits() throws Exception {
        assertThat(digest(Path.of("data/models/scenes.vae"), 1f)).isEqualTo(DIGEST);
    }

    @Test
    void theShippedDiscreteModelDrawsTheSameBits() throws Exception {
        assertThat(digest(Path.of("data/models/scenes-discrete.vae"), 1f)).isEqualTo(DISCRETE_DIGEST);
    }

    @Test
    void theShippedDiscreteModelDrawsTheSameGuidedBits() throws Exception {
        assertThat(digest(Path.of("data/models/scenes-discrete.vae"), 3f)).isEqualTo(DISCRETE_GUIDED_DIGEST);
    }
}
