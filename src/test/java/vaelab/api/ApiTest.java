package vaelab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.io.ModelFileException;
import vaelab.model.MlpVae;
import vaelab.model.VaeFiles;
import vaelab.model.VariationalAutoencoder;
import vaelab.tensor.Rng;
import vaelab.testing.TinySceneModel;

class ApiTest {
    @TempDir
    static Path dir;
    static TextImageModel model;

    @BeforeAll
    static void load() throws Exception {
        Path file = dir.resolve("scenes.vae");
        TinySceneModel.write(file);
        model = TextImageModel.load(file);
    }

    @Test
    void generateDescribeAndJudge() {
        TextImageModel.Generation g = model.generate("a sunny meadow with flowers", 3, 5);
        assertThat(g.images()).hasSize(3);
        assertThat(g.keywords()).containsExactly("sunny", "meadow", "flowers");
        assertThat(g.textSentiment()).isEqualTo(new TextImageModel.Sentiment("positive", 1.0));
        assertThat(g.sentiment().probability()).isBetween(0.0, 1.0);
        TextImageModel.Picture p = g.images().get(0);
        assertThat(p.pixels()).hasSize(3072);
        assertThat(p.toImage(2).getWidth()).isEqualTo(64);
        // the captions written back speak the text's language, as describe does when asked for it
        assertThat(model.describe(p.pixels(), vaelab.data.scenes.Language.ENGLISH).caption()).isEqualTo(p.caption());
        assertThat(model.describe(p.pixels()).caption()).isEqualTo(model.describe(p.pixels()).caption());
        assertThat(model.sentiment(p.pixels())).isEqualTo(p.sentiment());
        BufferedImage big = new BufferedImage(100, 50, BufferedImage.TYPE_INT_RGB);
        assertThat(model.describe(big).pixels()).hasSize(3072);
        assertThat(TextImageModel.sentiment("a gloomy night").label()).isEqualTo("negative");
        // Returned arrays are the caller's: changing one does not change the model's next answer.
        float[] copy = p.pixels().clone();
        p.pixels()[0] = 42f;
        assertThat(model.generate("a sunny meadow with flowers", 3, 5).images().get(0).pixels()).containsExactly(copy);
    }

    @Test
    void aSceneModelReadsTheSceneItsKeywordsNameInTheWordsOfItsCaptions() {
        String text = "deer by a creek in the woods";
        TextImageModel.Generation g = model.generate(text, 2, 7);
        assertThat(g.text()).isEqualTo(text);
        assertThat(g.readAs()).isEqualTo("a scene with a clear river, green trees and a few animals");
        assertThat(g.keywords()).containsExactly("deer", "creek", "woods");
        assertThat(g.unknownWords()).as("by, in and the are function words").isEmpty();
        // The pictures are the plain caption's, read as written, bit for bit.
        TextImageModel.Generation plain = model.generate(g.readAs(), 2, 7, TextImageModel.DEFAULT_TEMPERATURE,
                TextImageModel.DEFAULT_CANDIDATES, TextImageModel.Reading.AS_WRITTEN);
        for (int i = 0; i < 2; i++) {
            assertThat(g.images().get(i).pixels()).containsExactly(plain.images().get(i).pixels());
        }
        TextImageModel.Generation written = model.generate(text, 2, 7, TextImageModel.DEFAULT_TEMPERATURE,
                TextImageModel.DEFAULT_CANDIDATES, TextImageModel.Reading.AS_WRITTEN);
        assertThat(written.readAs()).isEqualTo(text);
        assertThat(written.unknownWords()).as("words no caption uses").contains("deer", "creek");
        assertThat(written.images().get(0).pixels()).isNotEqualTo(g.images().get(0).pixels());
        // Nothing the keywords know: read as written.
        assertThat(model.generate("qwerty", 1, 1).readAs()).isEqualTo("qwerty");
    }

    @Test
    void loadsFromBytesAsFromTheFile() throws Exception {
        byte[] bytes = java.nio.file.Files.readAllBytes(dir.resolve("scenes.vae"));
        TextImageModel fromBytes = TextImageModel.load("broadcast:scenes.vae", bytes);
        assertThat(fromBytes.generate("a clear lake", 1, 3).images().get(0).pixels())
                .containsExactly(model.generate("a clear lake", 1, 3).images().get(0).pixels());
        byte[] damaged = bytes.clone();
        damaged[damaged.length / 2] ^= 1;
        assertThatThrownBy(() -> TextImageModel.load("broadcast:scenes.vae", damaged)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("broadcast:scenes.vae");
    }

    @Test
    void temperatureZeroDrawsTheMeanEveryTime() {
        TextImageModel.Generation g = model.generate("a clear lake", 3, 1, 0f);
        assertThat(g.images().get(2).pixels()).containsExactly(g.images().get(0).pixels());
        TextImageModel.Generation warm = model.generate("a clear lake", 2, 1, 1f);
        assertThat(warm.images().get(1).pixels()).isNotEqualTo(warm.images().get(0).pixels());
        assertThatThrownBy(() -> model.generate("a lake", 1, 1, 1.5f)).hasMessageContaining("temperature");
    }

    @Test
    void picturesAreChosenAmongTheDefaultNumberOfCandidatesAndOneCandidateIsThePlainDraw() {
        float[] chosen = model.generate("a clear lake", 1, 4).images().get(0).pixels();
        assertThat(model.generate("a clear lake", 1, 4, TextImageModel.DEFAULT_TEMPERATURE, TextImageModel.DEFAULT_CANDIDATES)
                .images().get(0).pixels()).containsExactly(chosen);
        assertThat(model.generate("a clear lake", 1, 4, TextImageModel.DEFAULT_TEMPERATURE, 1).images().get(0).pixels())
                .isNotEqualTo(chosen);
    }

    @Test
    void badArgumentsSayWhatWasExpected() {
        assertThatThrownBy(() -> model.generate(" ", 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> model.generate("a lake", 0, 1)).hasMessageContaining("between 1 and 256");
        assertThatThrownBy(() -> model.generate("a lake", 1, 1, 1f, 0)).hasMessageContaining("candidates must be between 1 and 64");
        assertThatThrownBy(() -> model.describe(new float[5])).hasMessageContaining("3072");
        assertThatThrownBy(() -> TextImageModel.load(dir.resolve("missing.vae"))).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("missing.vae");
    }

    @Test
    void imageVaeEncodesDecodesAndSamples() throws Exception {
        Path file = dir.resolve("vae.vae");
        VaeFiles.toModelFile(new MlpVae(new int[] {1, 6, 6}, 8, 3, VariationalAutoencoder.Likelihood.BERNOULLI, new Rng(1)),
                java.util.Map.of(), java.util.Map.of()).write(file);
        ImageVae vae = ImageVae.load(file);
        assertThat(vae.imageShape()).containsExactly(1, 6, 6);
        ImageVae.Code code = vae.encode(new float[36]);
        assertThat(code.mean()).hasSize(3);
        assertThat(code.logVariance()).hasSize(3);
        float[] decoded = vae.decode(code.mean());
        assertThat(decoded).hasSize(36);
        for (float v : decoded) {
            assertThat(v).isBetween(0f, 1f);
        }
        List<float[]> s = vae.sample(4, 9);
        assertThat(s).hasSize(4);
        assertThat(vae.sample(4, 9).get(3)).containsExactly(s.get(3));
        assertThatThrownBy(() -> vae.decode(new float[2])).hasMessageContaining("3 values");
        assertThatThrownBy(() -> ImageVae.load(dir.resolve("scenes.vae"))).hasMessageContaining("not an image VAE");
    }

    @Test
    void trainsOnTheCallersOwnExamples() throws Exception {
        CaptionedImages scenes = TinySceneModel.scenes(ScenesDataset.Split.TRAIN, 30);
        List<TextImageTraining.Example> data = new ArrayList<>();
        for (int i = 0; i < scenes.count(); i++) {
            data.add(new TextImageTraining.Example(java.util.Arrays.copyOfRange(scenes.pixels(), i * 3072, (i + 1) * 3072),
                    scenes.captions().get(i)));
        }
        List<Double> fractions = new ArrayList<>();
        Path saved = dir.resolve("own.vae");
        TextImageModel own = TextImageTraining.defaults().withEpochs(2).withBatchSize(9).withLatent(4).withSaveTo(saved)
                .train(data, (phase, epoch, epochs, fraction, loss) -> fractions.add(fraction));
        assertThat(fractions).isNotEmpty().isSorted();
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
        assertThat(own.hasJudge()).isFalse();
        assertThat(own.generate("a clear lake", 2, 1).sentiment()).isNull();
        assertThat(own.generate("deer by a creek", 1, 1).readAs()).as("no keywords but the scenes'").isEqualTo("deer by a creek");
        assertThatThrownBy(() -> own.sentiment(new float[3072])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> vaelab.eval.SentenceEvaluation.evaluate(own.network(), List.of("a lake"), 1, 1, 0.7f, 1,
                vaelab.model.SentenceReading.Mode.KEYWORDS, done -> { })).hasMessageContaining("judge");
        assertThat(TextImageModel.load(saved).generate("a clear lake", 1, 3).images().get(0).pixels())
                .containsExactly(own.generate("a clear lake", 1, 3).images().get(0).pixels());
        assertThatThrownBy(() -> TextImageTraining.defaults().train(data.subList(0, 1), ProgressListener.NONE))
                .hasMessageContaining("at least 2");
    }

    @Test
    void theCallersExecutorGivesTheSameResults() {
        TextImageModel.Generation reference = model.generate("hills and a muddy river", 2, 11);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Compute.executor(pool, 3);
            assertThat(Compute.threads()).isEqualTo(3);
            TextImageModel.Generation g = model.generate("hills and a muddy river", 2, 11);
            for (int i = 0; i < 2; i++) {
                assertThat(g.images().get(i).pixels()).containsExactly(reference.images().get(i).pixels());
            }
            Compute.threads(1);
            assertThat(model.generate("hills and a muddy river", 2, 11).images().get(1).pixels())
                    .containsExactly(reference.images().get(1).pixels());
        } finally {
            Compute.threads(Runtime.getRuntime().availableProcessors());
            pool.shutdown();
        }
    }

    /** A guided copy draws differently and shares the weights; the Gaussian model has no guidance to set. */
    @Test
    void guidanceIsSetOnACopyOfADiscreteModelOnly() throws Exception {
        assertThat(model.guidance()).isEqualTo(1f);
        assertThat(model.withGuidance(1f).guidance()).isEqualTo(1f);
        assertThatThrownBy(() -> model.withGuidance(2f)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no guidance");
        TextImageModel discrete = TextImageModel.load(Path.of("data/models/scenes-discrete.vae"));
        assertThat(discrete.guidance()).isEqualTo(vaelab.model.DiscreteModel.DEFAULT_GUIDANCE);
        TextImageModel plain = discrete.withGuidance(1f);
        TextImageModel strong = discrete.withGuidance(5f);
        assertThat(discrete.guidance()).isEqualTo(vaelab.model.DiscreteModel.DEFAULT_GUIDANCE); // unchanged
        assertThat(strong.guidance()).isEqualTo(5f);
        assertThat(((vaelab.model.DiscreteModel) strong.network()).prior()).isSameAs(((vaelab.model.DiscreteModel) discrete.network()).prior());
        float[] a = plain.generate("a snowy mountain with a few animals", 1, 3, 1f, 1).images().get(0).pixels();
        float[] b = strong.generate("a snowy mountain with a few animals", 1, 3, 1f, 1).images().get(0).pixels();
        assertThat(b).isNotEqualTo(a);
        assertThatThrownBy(() -> discrete.withGuidance(-0.5f)).isInstanceOf(IllegalArgumentException.class);
    }
}
