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
    /**
     * The shipped discrete model's. It moved (deliberately) when the model began to finish captions it
     * never saw end where they end ("a gloomy stormy night") before drawing: DiscreteModel.drawnAfter.
     */
    static final String DISCRETE_DIGEST = "d0b9fde45e7ceb2a58727ed898fa0bd5a3c785b512acdbef6ff22e42be9e61de";
    /** The same, its pictures drawn with guidance scale 3 (CodePrior.Sampling). */
    static final String DISCRETE_GUIDED_DIGEST = "c246fb978e3353848e9ce649e584f8e6c3d9d2ed24c7696551fc2f929d906823";

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
