package vaelab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.data.LabeledImages;
import vaelab.io.ModelFile;
import vaelab.model.History;
import vaelab.model.MlpVae;
import vaelab.model.VariationalAutoencoder;
import vaelab.tensor.Rng;
import vaelab.testing.ToyImages;

class VaeTrainerTest {
    @TempDir
    Path dir;

    static LabeledImages blobs(int n, long seed) {
        return ToyImages.blobs(n, seed);
    }

    static MlpVae tinyVae(long seed) {
        return new MlpVae(new int[] {1, 8, 8}, 32, 4, VariationalAutoencoder.Likelihood.BERNOULLI, new Rng(seed));
    }

    static VaeTrainer.Options options(int epochs) {
        return new VaeTrainer.Options(epochs, 16, 3e-3f, 5, 1.5f, 0f, 1f);
    }

    @Test
    void learnsAndWritesACheckpointEachEpochAndAModelFileWithoutOptimizerState() throws Exception {
        VaeTrainer t = new VaeTrainer(tinyVae(1), options(4), blobs(200, 2), blobs(50, 3));
        Path ckpt = dir.resolve("vae.ckpt");
        t.run(t.checkpointTo(ckpt), TrainingListener.SILENT);
        double[] test = t.history().column("test_neg_elbo");
        assertThat(test).hasSize(4);
        assertThat(test[3]).isLessThan(test[0]);
        assertThat(Files.exists(ckpt)).isTrue();
        assertThat(t.model().isTraining()).isFalse();
        assertThat(t.lastTest().klPerDimension()).hasSize(4);

        Path model = dir.resolve("vae.vae");
        t.toModelFile().write(model);
        ModelFile m = ModelFile.read(model);
        assertThat(m.tensors().keySet()).noneMatch(k -> k.contains("optimizer"));
        double[] stored = VaeTrainer.historyOf(m).column("test_neg_elbo");
        for (int i = 0; i < test.length; i++) {
            assertThat(stored[i]).isEqualTo((float) test[i]); // kept as 32-bit floats
        }
        assertThat(ModelFile.read(ckpt).tensors().keySet()).anyMatch(k -> k.startsWith(VaeTrainer.PREFIX + "optimizer."));
    }

    @Test
    void aResumedRunReachesTheSameParametersBitForBit() throws Exception {
        LabeledImages train = blobs(96, 2);
        LabeledImages test = blobs(20, 3);
        VaeTrainer straight = new VaeTrainer(tinyVae(1), options(3), train, test);
        straight.run(straight.checkpointTo(dir.resolve("straight.ckpt")), TrainingListener.SILENT);

        // The same run, stopped after epoch 2 (as if killed) and resumed from its checkpoint.
        Path ckpt = dir.resolve("interrupted.ckpt");
        VaeTrainer first = new VaeTrainer(tinyVae(1), options(2), train, test);
        first.run(first.checkpointTo(ckpt), TrainingListener.SILENT);
        VaeTrainer resumed = VaeTrainer.resume(ckpt, options(3), train, test);
        assertThat(resumed.epochsDone()).isEqualTo(2);
        resumed.run(resumed.checkpointTo(ckpt), TrainingListener.SILENT);

        var a = straight.model().state();
        var b = resumed.model().state();
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k).data()).as(k).containsExactly(a.get(k).data());
        }
        double[] a3 = straight.history().column("train_loss");
        double[] b3 = resumed.history().column("train_loss");
        assertThat(b3).hasSize(3);
        assertThat(b3[2]).isEqualTo(a3[2]); // epochs 1 and 2 came back from the checkpoint's floats
    }

    @Test
    void aDivergingLossStopsAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path ckpt = dir.resolve("diverge.ckpt");
        LabeledImages train = blobs(64, 2);
        VaeTrainer first = new VaeTrainer(tinyVae(1), options(1), train, blobs(16, 3));
        first.run(first.checkpointTo(ckpt), TrainingListener.SILENT);
        byte[] good = Files.readAllBytes(ckpt);
        VaeTrainer t = VaeTrainer.resume(ckpt, options(2), train, blobs(16, 3));
        // Poison one weight: the next forward pass gives a NaN loss.
        t.model().parameters().get(0).data()[0] = Float.NaN;
        assertThatThrownBy(() -> t.run(t.checkpointTo(ckpt), TrainingListener.SILENT))
                .isInstanceOf(EpochTrainer.DivergedException.class)
                .hasMessageContaining("NaN").hasMessageContaining("epoch 2").hasMessageContaining("checkpoint of epoch 1 is kept");
        assertThat(Files.readAllBytes(ckpt)).isEqualTo(good);
    }

    @Test
    void klWarmUpRampsTheWeightByStepUpToBeta() throws Exception {
        // 64 images in batches of 16: 4 steps an epoch; a warm-up of 2 epochs is 8 steps.
        VaeTrainer t = new VaeTrainer(tinyVae(1), new VaeTrainer.Options(1, 16, 1e-3f, 5, 2f, 0f, 4f), blobs(64, 2), blobs(8, 3));
        t.run(EpochTrainer.Checkpoint.NONE, TrainingListener.SILENT);
        assertThat(t.beta(64)).isEqualTo(4f * 5f / 8f); // the next (fifth) step
        VaeTrainer plain = new VaeTrainer(tinyVae(1), new VaeTrainer.Options(1, 16, 1e-3f, 5, 0f, 0f, 1f), blobs(64, 2), blobs(8, 3));
        assertThat(plain.beta(64)).isEqualTo(1f);
    }

    @Test
    void aLargeBetaCollapsesTheCodeTowardsThePrior() throws Exception {
        LabeledImages train = blobs(200, 2);
        LabeledImages test = blobs(50, 3);
        VaeTrainer elbo = new VaeTrainer(tinyVae(1), new VaeTrainer.Options(6, 16, 3e-3f, 5, 0f, 0f, 1f), train, test);
        elbo.run(EpochTrainer.Checkpoint.NONE, TrainingListener.SILENT);
        VaeTrainer heavy = new VaeTrainer(tinyVae(1), new VaeTrainer.Options(6, 16, 3e-3f, 5, 0f, 0f, 16f), train, test);
        heavy.run(EpochTrainer.Checkpoint.NONE, TrainingListener.SILENT);
        assertThat(heavy.lastTest().kl()).isLessThan(elbo.lastTest().kl() / 2);
        assertThat(heavy.lastTest().activeUnits()).isLessThanOrEqualTo(elbo.lastTest().activeUnits());
    }

    @Test
    void anInterruptedRunStopsAfterItsCurrentBatchAndKeepsTheLastEpoch() throws Exception {
        VaeTrainer t = new VaeTrainer(tinyVae(1), options(3), blobs(96, 2), blobs(16, 3));
        AtomicInteger batches = new AtomicInteger();
        TrainingListener stopInEpochTwo = new TrainingListener() {
            @Override
            public void batchDone(Progress p) {
                batches.incrementAndGet();
                if (p.epoch() == 2 && p.batch() == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            t.run(t.checkpointTo(dir.resolve("stop.ckpt")), stopInEpochTwo);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(batches.get()).isEqualTo(6 + 2);
        assertThat(t.epochsDone()).isEqualTo(1);
        assertThat(t.history().size()).isEqualTo(1);
    }

    @Test
    void resumingAFinishedRunAsksForMoreEpochs() throws Exception {
        Path ckpt = dir.resolve("done.ckpt");
        VaeTrainer first = new VaeTrainer(tinyVae(1), options(1), blobs(32, 2), blobs(8, 3));
        first.run(first.checkpointTo(ckpt), TrainingListener.SILENT);
        assertThatThrownBy(() -> VaeTrainer.resume(ckpt, options(1), blobs(32, 2), blobs(8, 3)))
                .hasMessageContaining("already done 1 epochs");
    }

    @Test
    void aFileWrittenBeforeNamedColumnsIsReadByPosition() {
        float[] row = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        ModelFile m = new ModelFile("vae-mlp", Map.of(), java.util.List.of(), Map.of("history", vaelab.tensor.Tensor.of(row, 1, 9)));
        History h = VaeTrainer.historyOf(m);
        assertThat(h.column("test_neg_elbo")).containsExactly(5);
        assertThat(h.column("train_images_per_second")).containsExactly(9);
    }
}
