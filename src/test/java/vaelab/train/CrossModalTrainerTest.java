package vaelab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.model.CrossModalModel;
import vaelab.model.CrossModalVae;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.testing.TinySceneModel;

class CrossModalTrainerTest {
    @TempDir
    Path dir;

    static final CaptionedImages TRAIN = TinySceneModel.scenes(ScenesDataset.Split.TRAIN, 40);
    static final CaptionedImages TEST = TinySceneModel.scenes(ScenesDataset.Split.TEST, 12);

    static CrossModalTrainer.Options options(int epochs, int judgeEpochs) {
        return new CrossModalTrainer.Options(epochs, judgeEpochs, 16, 3e-3f, 7, 1f);
    }

    /** A loss that becomes NaN or infinite stops the run with the skeleton's one exception, naming the epoch. */
    @Test
    void aDivergingRunStopsWithTheSharedDivergedException() {
        Path out = dir.resolve("diverged.vae");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1),
                new CrossModalTrainer.Options(2, 0, 16, 1e9f, 7, 0f)).run(TRAIN, TEST, out, TrainingListener.SILENT))
                .isInstanceOf(EpochTrainer.DivergedException.class).hasMessageContaining("epoch");
    }

    @Test
    void aResumedRunTakesTheSameStepsAsAnUninterruptedOne() throws Exception {
        Path straight = dir.resolve("straight.vae");
        CrossModalModel a = new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), options(3, 2))
                .run(TRAIN, TEST, straight, TrainingListener.SILENT);

        Path stopped = dir.resolve("stopped.vae");
        new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), options(1, 2)).run(TRAIN, TEST, stopped, TrainingListener.SILENT);
        assertThat(Files.exists(EpochTrainer.checkpointOf(stopped))).isTrue();
        CrossModalModel b = CrossModalTrainer.resume(stopped, options(3, 2)).run(TRAIN, TEST, stopped, TrainingListener.SILENT);

        Map<String, Tensor> sa = a.vae().state();
        Map<String, Tensor> sb = b.vae().state();
        assertThat(sb.keySet()).isEqualTo(sa.keySet());
        sa.forEach((k, v) -> assertThat(sb.get(k).data()).as(k).containsExactly(v.data()));
        a.judge().state().forEach((k, v) -> assertThat(b.judge().state().get(k).data()).as(k).containsExactly(v.data()));
        assertThat(b.history().get("vae").size()).isEqualTo(3);
        assertThat(b.history().get("judge").size()).isEqualTo(2);
        // The model file for inference holds no optimizer state; the checkpoint does.
        assertThat(vaelab.io.ModelFile.read(stopped).tensors().keySet()).noneMatch(k -> k.contains("optimizer."));
        assertThat(vaelab.io.ModelFile.read(EpochTrainer.checkpointOf(stopped)).tensors().keySet())
                .anyMatch(k -> k.startsWith("train.vae.optimizer."));
    }

    @Test
    void aFineTuneContinuesTheHistoryOfItsStartingModelAndResumesExactly() throws Exception {
        CrossModalModel base = new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), options(2, 1))
                .run(TRAIN, TEST, dir.resolve("base.vae"), TrainingListener.SILENT);
        Path straight = dir.resolve("straight.vae");
        CrossModalModel a = new CrossModalTrainer(CrossModalModel.read(dir.resolve("base.vae")), options(3, 0))
                .startedFrom("base.vae").run(TRAIN, TEST, straight, TrainingListener.SILENT);
        vaelab.model.History h = a.history().get("vae");
        assertThat(h.column("epoch")).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(h.row(1)).isEqualTo(base.history().get("vae").row(1));
        assertThat(a.history().get("judge").toTensor().data()).isEqualTo(base.history().get("judge").toTensor().data());

        Path stopped = dir.resolve("stopped.vae");
        new CrossModalTrainer(CrossModalModel.read(dir.resolve("base.vae")), options(1, 0))
                .startedFrom("base.vae").run(TRAIN, TEST, stopped, TrainingListener.SILENT);
        CrossModalModel b = CrossModalTrainer.resume(stopped, options(3, 0)).run(TRAIN, TEST, stopped, TrainingListener.SILENT);
        a.vae().state().forEach((k, v) -> assertThat(b.vae().state().get(k).data()).as(k).containsExactly(v.data()));
        assertThat(b.history().get("vae").column("epoch")).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(vaelab.io.ModelFile.read(stopped).hyperparameters()).containsEntry("train.init", "base.vae");
    }

    @Test
    void aFineTuneStageIsARunThenAFineTuneFromItsWeightsToTheBitAndResumesExactly() throws Exception {
        CrossModalTrainer.FineTune tune = new CrossModalTrainer.FineTune(2, 1e-3f, 11, 5f);
        CrossModalTrainer.Options oneRun = new CrossModalTrainer.Options(2, 1, 16, 3e-3f, 7, 1f, 1, tune);
        CrossModalModel a = new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), oneRun)
                .run(TRAIN, TEST, dir.resolve("one.vae"), TrainingListener.SILENT);
        assertThat(a.vae().weights().cycle()).isEqualTo(5f);
        assertThat(a.history().get("vae").column("epoch")).containsExactly(1.0, 2.0, 3.0, 4.0);

        // The same in two runs, the second built from the first's file as `vaelab train --init` builds it.
        Path basePath = dir.resolve("base.vae");
        CrossModalModel base = new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), new CrossModalTrainer.Options(2, 1, 16, 3e-3f, 7, 1f, 1))
                .run(TRAIN, TEST, basePath, TrainingListener.SILENT);
        CrossModalModel start = CrossModalModel.read(basePath);
        CrossModalVae vae = new CrossModalVae(start.vae().config(), start.vae().weights().withCycle(5f), new Rng(11));
        vae.loadState(start.vae().state());
        CrossModalModel b = new CrossModalTrainer(new CrossModalModel(vae, start.vocabulary(), start.judge(), start.dataset(), start.history()),
                new CrossModalTrainer.Options(2, 0, 16, 1e-3f, 11, 0f, 2)).run(TRAIN, TEST, dir.resolve("tuned.vae"), TrainingListener.SILENT);
        a.vae().state().forEach((k, v) -> assertThat(b.vae().state().get(k).data()).as(k).containsExactly(v.data()));
        a.judge().state().forEach((k, v) -> assertThat(base.judge().state().get(k).data()).as(k).containsExactly(v.data()));
        // and the stage did move the weights
        assertThat(base.vae().state().get("image_decoder.deconv3.weight").data()).isNotEqualTo(a.vae().state().get("image_decoder.deconv3.weight").data());

        // Stopped after the fine-tune's first epoch, it resumes to the same bits.
        Path stopped = dir.resolve("stopped.vae");
        TrainingListener stopAfter3 = new TrainingListener() {
            @Override
            public void epochDone(int epoch, Map<String, Double> metrics) {
                if (epoch == 3) {
                    throw new IllegalStateException("stopped");
                }
            }
        };
        assertThatThrownBy(() -> new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), oneRun).run(TRAIN, TEST, stopped, stopAfter3))
                .hasMessage("stopped");
        assertThat(vaelab.io.ModelFile.read(stopped).hyperparameters()).containsEntry("train.vae_epochs", "3");
        CrossModalModel c = CrossModalTrainer.resume(stopped, oneRun).run(TRAIN, TEST, stopped, TrainingListener.SILENT);
        a.vae().state().forEach((k, v) -> assertThat(c.vae().state().get(k).data()).as(k).containsExactly(v.data()));
        a.judge().state().forEach((k, v) -> assertThat(c.judge().state().get(k).data()).as(k).containsExactly(v.data()));
        assertThat(c.history().get("vae").column("epoch")).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThatThrownBy(() -> CrossModalTrainer.resume(stopped, oneRun)).hasMessageContaining("--finetune-epochs");
    }

    @Test
    void aDecayAddedWhenResumingTakesTheSameStepsAsOnePlannedFromTheStart() throws Exception {
        CrossModalTrainer.Options planned = new CrossModalTrainer.Options(3, 0, 16, 3e-3f, 7, 1f, 2);
        CrossModalModel a = new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), planned)
                .run(TRAIN, TEST, dir.resolve("planned.vae"), TrainingListener.SILENT);

        Path extended = dir.resolve("extended.vae");
        new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), new CrossModalTrainer.Options(1, 0, 16, 3e-3f, 7, 1f))
                .run(TRAIN, TEST, extended, TrainingListener.SILENT);
        CrossModalModel b = CrossModalTrainer.resume(extended, planned).run(TRAIN, TEST, extended, TrainingListener.SILENT);
        a.vae().state().forEach((k, v) -> assertThat(b.vae().state().get(k).data()).as(k).containsExactly(v.data()));

        // and the decay does change the steps: a constant rate ends elsewhere
        CrossModalModel c = new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), new CrossModalTrainer.Options(3, 0, 16, 3e-3f, 7, 1f))
                .run(TRAIN, TEST, dir.resolve("constant.vae"), TrainingListener.SILENT);
        assertThat(c.vae().state().get("image_decoder.deconv3.weight").data()).isNotEqualTo(a.vae().state().get("image_decoder.deconv3.weight").data());
        assertThatThrownBy(() -> new CrossModalTrainer.Options(3, 0, 16, 3e-3f, 7, 1f, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJudgeCanSeeFreshScenesEachEpochAndStillResumesExactly() throws Exception {
        java.util.function.IntFunction<CaptionedImages> fresh =
                epoch -> TinySceneModel.scenes(ScenesDataset.Split.TRAIN, 40 * epoch).head(40 * epoch);
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        Path straight = dir.resolve("a.vae");
        CrossModalModel a = new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), options(1, 3))
                .judgeData(e -> {
                    asked.add(e);
                    return fresh.apply(e);
                }).run(TRAIN, TEST, straight, TrainingListener.SILENT);
        assertThat(asked).containsExactly(1, 2, 3);
        Path stopped = dir.resolve("b.vae");
        new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), options(1, 1)).judgeData(fresh)
                .run(TRAIN, TEST, stopped, TrainingListener.SILENT);
        CrossModalModel b = CrossModalTrainer.resume(stopped, options(1, 3)).judgeData(fresh)
                .run(TRAIN, TEST, stopped, TrainingListener.SILENT);
        a.judge().state().forEach((k, v) -> assertThat(b.judge().state().get(k).data()).as(k).containsExactly(v.data()));
    }

    @Test
    void aFinishedRunAsksForMoreEpochs() throws Exception {
        Path file = dir.resolve("m.vae");
        new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 1), options(1, 1)).run(TRAIN, TEST, file, TrainingListener.SILENT);
        assertThatThrownBy(() -> CrossModalTrainer.resume(file, options(1, 1))).hasMessageContaining("--epochs");
    }

    @Test
    void theLossFallsOverEpochs() throws Exception {
        CrossModalModel m = new CrossModalTrainer(TinySceneModel.untrained(TRAIN, 4, 2), options(4, 0))
                .run(TRAIN, TEST, null, TrainingListener.SILENT);
        vaelab.model.History h = m.history().get("vae");
        assertThat(h.size()).isEqualTo(4);
        assertThat(h.column("train_loss")[3]).isLessThan(h.column("train_loss")[0]);
        assertThat(m.vae().isTraining()).isFalse();
    }

    /** A checkpoint from before the stages had their own state cannot be continued exactly; the message says what can be done. */
    @Test
    void anOlderCheckpointIsRefusedWithTheWayOn() throws Exception {
        Path out = dir.resolve("old.vae");
        vaelab.io.ModelFile m = TinySceneModel.untrained(TRAIN, 4, 1).toModelFile(Map.of("train.vae_epochs", "1", "train.rng_shuffle", "7"));
        m.write(EpochTrainer.checkpointOf(out));
        assertThatThrownBy(() -> CrossModalTrainer.resume(out, options(2, 0)))
                .isInstanceOf(vaelab.io.ModelFileException.class)
                .hasMessageContaining("was written by an earlier vaelab").hasMessageContaining("--init " + out);
    }
}
