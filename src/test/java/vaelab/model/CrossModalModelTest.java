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
        assertThat(back.history().get("vae").size()).isEqualTo(1);
        assertThat(back.history().get("judge").size()).isEqualTo(1);
        List<String> texts = List.of("a sunny meadow", "一群动物");
        Tensor z1 = m.codesFromText(texts, 2, 1f, new Rng(9));
        Tensor z2 = back.codesFromText(texts, 2, 1f, new Rng(9));
        assertThat(z2.data()).containsExactly(z1.data());
        assertThat(back.vae().imagePixels(z2, null)).containsExactly(m.vae().imagePixels(z1, null));
        assertThat(back.captions(z2, 0f, new Rng(1))).isEqualTo(m.captions(z1, 0f, new Rng(1)));
        CaptionedImages some = TinySceneModel.scenes(ScenesDataset.Split.TEST, 3);
        Tensor images = some.images(new int[] {0, 1, 2});
        assertThat(back.judge().judge(images)[1]).isEqualTo(m.judge().judge(images)[1]);
    }

    @Test
    void aMixtureModelKeepsItsColoursAndShowsThePictureItScored() throws Exception {
        Path file = dir.resolve("mixture.vae");
        CrossModalModel m = TinySceneModel.write(file, 3);
        CrossModalModel back = CrossModalModel.read(file);
        assertThat(back.vae().config().pixelComponents()).isEqualTo(3);
        Tensor z = m.codesFromText(List.of("a sunny meadow"), 2, 1f, new Rng(4));
        float[] drawn = back.vae().imagePixels(z, new Rng(8));
        assertThat(drawn).containsExactly(m.vae().imagePixels(z, new Rng(8)));
        assertThat(drawn).isNotEqualTo(m.vae().imagePixels(z, new Rng(9))).isNotEqualTo(m.vae().meanPixels(z));

        // The pictures from text are the very draws the candidates were scored by.
        List<String> texts = List.of("a muddy river and bare trees");
        CrossModalModel.Candidates c = m.candidates(texts, 2, 1f, 4, new Rng(5));
        float[] pictures = m.picturesFromText(texts, 2, 1f, 4, new Rng(5));
        assertThat(pictures).containsExactly(c.chosenPictures());
        Tensor read = m.codesFromImages(Tensor.of(pictures, 2, 3, 32, 32));
        float[] rescored = m.vae().textNll(read, m.encodeTexts(List.of(texts.get(0), texts.get(0)))).data();
        for (int i = 0; i < 2; i++) {
            assertThat(rescored[i]).isCloseTo(c.scores()[c.chosen(i)][i], org.assertj.core.api.Assertions.within(1e-3f));
        }
    }

    @Test
    void aWiderDecoderDrawsTheSameSizeOfPictureAndKeepsItsWidthInItsFile() throws Exception {
        CaptionedImages train = TinySceneModel.scenes(ScenesDataset.Split.TRAIN, 8);
        CrossModalModel narrow = TinySceneModel.untrained(train, 4, 1);
        CrossModalVae.Config config = narrow.vae().config().withDecoderWidth(2);
        CrossModalModel wide = new CrossModalModel(new CrossModalVae(config, narrow.vae().weights(), new Rng(1)), narrow.vocabulary(), narrow.judge(), "scenes",
                java.util.Map.of());
        // Dense z → 2048·w and the three transposed convolutions grow; the encoders do not.
        long extra = (4L * 2048 + 2048) + (256L * 128 * 16 + 128 - 128L * 64 * 16 - 64) + (128L * 64 * 16 + 64 - 64L * 32 * 16 - 32)
                + (64L * 3 * 16 - 32L * 3 * 16);
        assertThat(wide.vae().parameterCount() - narrow.vae().parameterCount()).isEqualTo(extra);
        Tensor z = Tensor.randn(new Rng(2), 3, 4);
        assertThat(wide.vae().decodeImage(z).shape()).isEqualTo(narrow.vae().decodeImage(z).shape());
        Path file = dir.resolve("wide.vae");
        wide.toModelFile(java.util.Map.of()).write(file);
        CrossModalModel back = CrossModalModel.read(file);
        assertThat(back.vae().config().decoderWidth()).isEqualTo(2);
        assertThat(back.vae().imagePixels(z, null)).containsExactly(wide.vae().imagePixels(z, null));
    }

    @Test
    void aFileFromBeforeMixturesHasOneColourPerPixel() throws Exception {
        CrossModalModel m = TinySceneModel.write(dir.resolve("m.vae"));
        vaelab.io.ModelFile f = m.toModelFile(java.util.Map.of());
        java.util.Map<String, String> older = new java.util.LinkedHashMap<>(f.hyperparameters());
        older.remove("pixel_components");
        older.remove("decoder_width");
        older.remove("cycle_weight");
        Path file = dir.resolve("older.vae");
        new vaelab.io.ModelFile(f.architecture(), older, f.vocabulary(), f.tensors()).write(file);
        assertThat(CrossModalModel.read(file).vae().config()).isEqualTo(m.vae().config());

        older.put("pixel_components", "99");
        new vaelab.io.ModelFile(f.architecture(), older, f.vocabulary(), f.tensors()).write(file);
        assertThatThrownBy(() -> CrossModalModel.read(file)).isInstanceOf(ModelFileException.class).hasMessageContaining("pixel components 99");
    }

    @Test
    void eachCodeIsTheCandidateWhosePictureReadsBackClosestToItsText() throws Exception {
        CrossModalModel m = TinySceneModel.write(dir.resolve("m.vae"));
        List<String> texts = List.of("a sunny meadow", "a muddy river and bare trees");
        int n = 2;
        int k = 5;
        int latent = m.vae().config().latent();
        assertThat(m.codesFromText(texts, n, 1f, 1, new Rng(3)).data()).containsExactly(m.codesFromText(texts, n, 1f, new Rng(3)).data());

        float[] chosen = m.codesFromText(texts, n, 1f, k, new Rng(3)).data();
        // The same draws one round at a time, and each one's score computed directly.
        Rng rng = new Rng(3);
        float[][] drawn = new float[k][];
        for (int c = 0; c < k; c++) {
            drawn[c] = m.codesFromText(texts, n, 1f, rng).data();
        }
        for (int i = 0; i < texts.size() * n; i++) {
            String text = texts.get(i / n);
            double best = Double.POSITIVE_INFINITY;
            int bestC = -1;
            for (int c = 0; c < k; c++) {
                float[] z = java.util.Arrays.copyOfRange(drawn[c], i * latent, (i + 1) * latent);
                Tensor picture = Tensor.of(m.vae().imagePixels(Tensor.of(z, 1, latent), null), 1, 3, 32, 32);
                double score;
                try (vaelab.tensor.GradMode.Scope ignored = vaelab.tensor.GradMode.disable()) {
                    score = m.vae().textNll(m.codesFromImages(picture), m.encodeTexts(List.of(text))).item();
                }
                if (score < best) {
                    best = score;
                    bestC = c;
                }
            }
            assertThat(java.util.Arrays.copyOfRange(chosen, i * latent, (i + 1) * latent)).as("picture " + i)
                    .containsExactly(java.util.Arrays.copyOfRange(drawn[bestC], i * latent, (i + 1) * latent));
        }
        assertThatThrownBy(() -> m.codesFromText(texts, 1, 1f, 0, new Rng(1))).isInstanceOf(IllegalArgumentException.class);
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
