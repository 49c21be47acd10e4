package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.io.ModelFileException;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.testing.TinySceneModel;

class CrossModalModelTest {
    @TempDir
    Path dir;

    @Test
    void aSavedModelGivesTheSamePicturesAndCaptions() throws Exception {
        Path file = dir.resolve("m.vae");
        CrossModalModel m = TinySceneModel.write(file);
        CrossModalModel back = CrossModalModel.read(file);
        assertThat(back.vocabulary().tokens()).isEqualTo(m.vocabulary().tokens());
        assertThat(back.vae().config()).isEqualTo(m.vae().config());
        assertThat(back.history().get("vae")).hasNumberOfRows(1);
        assertThat(back.history().get("judge")).hasNumberOfRows(1);
        List<String> texts = List.of("a sunny meadow", "一群动物");
        Tensor z1 = m.codesFromText(texts, 2, 1f, new Rng(9));
        Tensor z2 = back.codesFromText(texts, 2, 1f, new Rng(9));
        assertThat(z2.data()).containsExactly(z1.data());
        assertThat(back.vae().imagePixels(z2)).containsExactly(m.vae().imagePixels(z1));
        assertThat(back.captions(z2, 0f, new Rng(1))).isEqualTo(m.captions(z1, 0f, new Rng(1)));
        CaptionedImages some = TinySceneModel.scenes(ScenesDataset.Split.TEST, 3);
        Tensor images = some.images(new int[] {0, 1, 2});
        assertThat(back.judge().judge(images)[1]).isEqualTo(m.judge().judge(images)[1]);
    }

    @Test
    void aTextWithNoKnownWordIsDrawnFromThePrior() throws Exception {
        CrossModalModel m = TinySceneModel.write(dir.resolve("m.vae"));
        Tensor z = m.codesFromText(List.of("qwerty zxcvb"), 1, 1f, new Rng(5));
        Rng same = new Rng(5);
        for (float v : z.data()) {
            assertThat(v).isEqualTo(same.nextGaussian());
        }
    }

    @Test
    void otherFilesAreRejectedWithTheirName() throws Exception {
        Path file = dir.resolve("vae.vae");
        VaeFiles.toModelFile(new MlpVae(new int[] {1, 4, 4}, 8, 2, VariationalAutoencoder.Likelihood.BERNOULLI, new Rng(1)),
                java.util.Map.of(), java.util.Map.of()).write(file);
        assertThatThrownBy(() -> CrossModalModel.read(file)).isInstanceOf(ModelFileException.class).hasMessageContaining(file.toString());
        Path garbage = dir.resolve("garbage.vae");
        Files.writeString(garbage, "not a model");
        assertThatThrownBy(() -> CrossModalModel.read(garbage)).isInstanceOf(ModelFileException.class);
    }
}
