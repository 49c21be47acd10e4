package vaelab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vaelab.io.ModelFile;
import vaelab.model.CodePrior;
import vaelab.model.DiscreteModel;
import vaelab.model.DiscreteVae;
import vaelab.model.SceneJudge;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

class DiscreteModelTrainingTest {
    @TempDir
    Path dir;

    static DiscreteModelTraining.Options options() {
        return options(1);
    }

    /** @param depth codes per cell */
    static DiscreteModelTraining.Options options(int depth) {
        return new DiscreteModelTraining.Options(new DiscreteVae.Config(3, 16, 4, 8, 0.9f, depth),
                new DiscreteVaeTrainer.Options(2, 16, 3e-3f, 3, 0.25f), 8, 1, 2, 0.1f,
                new CodePriorTrainer.Options(2, 16, 3e-3f, 4, 0.5f, 0.25f, 2), 40, 8, 32);
    }

    /** Stops the run (as a killed process would) once the named stage has finished {@code epoch}. */
    record StopAfter(String stage, int epoch) implements TrainingListener {
        private static String current = "";

        @Override
        public void phase(String description) {
            current = description;
        }

        @Override
        public void epochDone(int e, Map<String, Double> metrics) {
            if (current.contains(stage) && e == epoch) {
                throw new IllegalStateException("stopped");
            }
        }
    }

    @ParameterizedTest(name = "{0} code(s) per cell")
    @ValueSource(ints = {1, 2})
    void aRunStoppedInEitherStageResumesToTheSameBits(int depth) throws Exception {
        SceneJudge judge = new SceneJudge(0f, new Rng(9));
        Path straight = dir.resolve("straight.vae");
        DiscreteModel a = new DiscreteModelTraining(options(depth), straight, judge, false).run(TrainingListener.SILENT);

        Path stopped = dir.resolve("stopped.vae");
        assertThatThrownBy(() -> new DiscreteModelTraining(options(depth), stopped, judge, false).run(new StopAfter("discrete VAE", 1)))
                .hasMessage("stopped");
        assertThatThrownBy(() -> new DiscreteModelTraining(options(depth), stopped, judge, true).run(new StopAfter("prior", 1)))
                .hasMessage("stopped");
        DiscreteModel b = new DiscreteModelTraining(options(depth), stopped, judge, true).run(TrainingListener.SILENT);

        assertSameState(a.vae().state(), b.vae().state());
        assertSameState(a.prior().state(), b.prior().state());
        assertThat(b.history().get("dvae").size()).isEqualTo(2);
        assertThat(b.history().get("prior").size()).isEqualTo(2);
        // The model file holds no optimizer state; the checkpoint does, for both stages.
        assertThat(ModelFile.read(stopped).tensors().keySet()).noneMatch(k -> k.startsWith("train."));
        assertThat(ModelFile.read(EpochTrainer.checkpointOf(stopped)).tensors().keySet())
                .anyMatch(k -> k.startsWith("train.dvae.optimizer.")).anyMatch(k -> k.startsWith("train.prior.optimizer."));
    }

    /**
     * Of several captions written of a picture, the one kept makes the picture's codes at least as
     * likely as the greedy caption does; one candidate is the greedy caption.
     */
    @Test
    void theCaptionKeptOfSeveralMakesThePicturesCodesAtLeastAsLikelyAsTheGreedyOne() throws Exception {
        DiscreteModel m = new DiscreteModelTraining(options(), dir.resolve("c.vae"), new SceneJudge(0f, new Rng(9)), false)
                .run(TrainingListener.SILENT);
        Tensor images = Tensor.of(vaelab.data.scenes.ScenesDataset.generate(vaelab.data.scenes.ScenesDataset.Split.TEST, 6).pixels(),
                6, 3, 32, 32);
        java.util.List<String> greedy = m.captionsOf(images, null, 1, new Rng(1));
        assertThat(greedy).isEqualTo(m.captionsOf(images, new Rng(2)));
        java.util.List<String> best = m.captionsOf(images, null, 8, new Rng(3));
        int[] grids = m.vae().encode(images);
        int cells = m.vae().config().codesPerPicture();
        boolean anyOther = false;
        for (int i = 0; i < 6; i++) {
            int[] grid = java.util.Arrays.copyOfRange(grids, i * cells, (i + 1) * cells);
            double kept = m.prior().codesGivenCaptionLogLikelihood(java.util.List.of(m.encode(best.get(i)).ids()), grid)[0];
            double first = m.prior().codesGivenCaptionLogLikelihood(java.util.List.of(m.encode(greedy.get(i)).ids()), grid)[0];
            assertThat(kept).as("picture %d: \"%s\" against \"%s\"", i, best.get(i), greedy.get(i)).isGreaterThanOrEqualTo(first);
            anyOther |= !best.get(i).equals(greedy.get(i));
        }
        assertThat(anyOther).as("some drawn caption beats the greedy one").isTrue();
    }

    @ParameterizedTest(name = "{0} code(s) per cell")
    @ValueSource(ints = {1, 2})
    void theSavedModelDrawsAndCaptionsExactlyAsTheTrainedOne(int depth) throws Exception {
        Path file = dir.resolve("m.vae");
        DiscreteModel trained = new DiscreteModelTraining(options(depth), file, new SceneJudge(0f, new Rng(9)), false)
                .run(TrainingListener.SILENT);
        DiscreteModel read = DiscreteModel.read(file);
        CodePrior.Sampling s = new CodePrior.Sampling(1f, 0);
        float[] p1 = trained.pictures("a sunny meadow", 3, s, 2, new Rng(5));
        float[] p2 = read.pictures("a sunny meadow", 3, s, 2, new Rng(5));
        assertThat(p2).containsExactly(p1);
        Tensor images = Tensor.of(p1, 3, 3, 32, 32);
        assertThat(read.captions(images, s, new Rng(6))).isEqualTo(trained.captions(images, s, new Rng(6)));
        assertThat(read.judge()).isNotNull();
        assertThat(read.vae().config().depth()).isEqualTo(depth);
        assertThat(read.codes("a sunny meadow", 1, s, 1, new Rng(7))).hasSize(64 * depth);
        assertThat(Files.size(file)).isLessThan(Files.size(EpochTrainer.checkpointOf(file)));
    }

    @Test
    void sixteenBitWeightsHalveTheFileAndTheReturnedModelIsTheOneThatReadsBack() throws Exception {
        SceneJudge judge = new SceneJudge(0f, new Rng(9));
        Path full = dir.resolve("full.vae");
        Path half = dir.resolve("half.vae");
        DiscreteModelTraining.Options o = options();
        DiscreteModel a = new DiscreteModelTraining(o, full, judge, false).run(TrainingListener.SILENT);
        DiscreteModelTraining.Options o16 = new DiscreteModelTraining.Options(o.vae(), o.vaeTraining(), o.priorWidth(),
                o.priorLayers(), o.priorHeads(), o.priorDropout(), o.priorTraining(), o.scenes(), o.testScenes(), 16);
        DiscreteModel b = new DiscreteModelTraining(o16, half, judge, false).run(TrainingListener.SILENT);

        ModelFile f16 = ModelFile.read(half);
        assertThat(f16.halfPrecision()).isNotEmpty().allMatch(DiscreteModel::isNetworkWeight);
        assertThat(f16.tensors().keySet()).filteredOn(k -> k.startsWith("judge.") || k.startsWith("history."))
                .isNotEmpty().noneMatch(f16.halfPrecision()::contains);
        // the same training (the checkpoints agree to the bit), only stored in fewer bits
        assertSameState(ModelFile.read(EpochTrainer.checkpointOf(full)).tensorsUnder("prior."),
                ModelFile.read(EpochTrainer.checkpointOf(half)).tensorsUnder("prior."));
        a.vae().state().forEach((k, v) -> {
            float[] rounded = b.vae().state().get(k).data();
            for (int i = 0; i < rounded.length; i++) {
                assertThat(rounded[i]).isEqualTo(vaelab.io.Float16.round(v.data()[i]));
            }
        });
        DiscreteModel read = DiscreteModel.read(half);
        CodePrior.Sampling s = new CodePrior.Sampling(1f, 0);
        assertThat(read.pictures("a snowy forest", 2, s, 2, new Rng(5))).containsExactly(b.pictures("a snowy forest", 2, s, 2, new Rng(5)));
        long weights = f16.halfPrecision().stream().mapToLong(k -> f16.tensors().get(k).size()).sum();
        assertThat(Files.size(half)).isEqualTo(Files.size(full) - 2 * weights + f16.tensors().size());
    }

    private static void assertSameState(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((k, v) -> assertThat(b.get(k).data()).as(k).containsExactly(v.data()));
    }
}
