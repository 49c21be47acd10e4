package vaelab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.data.LabeledImages;
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
        return new VaeTrainer.Options(epochs, 16, 3e-3f, 5, 1.5f, 0f, 0);
    }

    @Test
    void learnsAndWritesACheckpointEachEpoch() throws Exception {
        VaeTrainer t = new VaeTrainer(tinyVae(1), options(4));
        Path ckpt = dir.resolve("vae.ckpt");
        t.run(blobs(200, 2), blobs(50, 3), ckpt, TrainingListener.SILENT);
        assertThat(t.history()).hasSize(4);
        assertThat(t.history().get(3).testNegElbo()).isLessThan(t.history().get(0).testNegElbo());
        assertThat(Files.exists(ckpt)).isTrue();
        assertThat(t.model().isTraining()).isFalse();
    }

    @Test
    void aResumedRunReachesTheSameParametersBitForBit() throws Exception {
        LabeledImages train = blobs(96, 2);
        LabeledImages test = blobs(20, 3);
        VaeTrainer straight = new VaeTrainer(tinyVae(1), options(3));
        straight.run(train, test, dir.resolve("straight.ckpt"), TrainingListener.SILENT);

        // The same run, stopped after epoch 2 (as if killed) and resumed from its checkpoint.
        Path ckpt = dir.resolve("interrupted.ckpt");
        new VaeTrainer(tinyVae(1), options(2)).run(train, test, ckpt, TrainingListener.SILENT);
        VaeTrainer resumed = VaeTrainer.resume(ckpt, options(3));
        assertThat(resumed.epochsDone()).isEqualTo(2);
        resumed.run(train, test, ckpt, TrainingListener.SILENT);

        var a = straight.model().state();
        var b = resumed.model().state();
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k).data()).as(k).containsExactly(a.get(k).data());
        }
        assertThat(resumed.history()).hasSize(3);
        assertThat(resumed.history().get(2).trainLoss()).isEqualTo(straight.history().get(2).trainLoss());
    }

    @Test
    void aDivergingLossStopsAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path ckpt = dir.resolve("diverge.ckpt");
        LabeledImages train = blobs(64, 2);
        new VaeTrainer(tinyVae(1), options(1)).run(train, blobs(16, 3), ckpt, TrainingListener.SILENT);
        byte[] good = Files.readAllBytes(ckpt);
        VaeTrainer t = VaeTrainer.resume(ckpt, options(2));
        // Poison one weight: the next forward pass gives a NaN loss.
        t.model().parameters().get(0).data()[0] = Float.NaN;
        assertThatThrownBy(() -> t.run(train, blobs(16, 3), ckpt, TrainingListener.SILENT))
                .isInstanceOf(VaeTrainer.DivergedException.class)
                .hasMessageContaining("NaN").hasMessageContaining("epoch 1").hasMessageContaining(ckpt.toString());
        assertThat(Files.readAllBytes(ckpt)).isEqualTo(good);
    }

    @Test
    void klWarmUpRampsBetaByStep() throws Exception {
        // 64 images in batches of 16: 4 steps an epoch; a warm-up of 2 epochs is 8 steps.
        VaeTrainer t = new VaeTrainer(tinyVae(1), new VaeTrainer.Options(1, 16, 1e-3f, 5, 2f, 0f, 0));
        t.run(blobs(64, 2), blobs(8, 3), null, TrainingListener.SILENT);
        assertThat(t.beta()).isEqualTo(5f / 8f); // the next (fifth) step
        VaeTrainer plain = new VaeTrainer(tinyVae(1), new VaeTrainer.Options(1, 16, 1e-3f, 5, 0f, 0f, 0));
        assertThat(plain.beta()).isEqualTo(1f);
    }

    @Test
    void resumingAFinishedRunAsksForMoreEpochs() throws Exception {
        Path ckpt = dir.resolve("done.ckpt");
        new VaeTrainer(tinyVae(1), options(1)).run(blobs(32, 2), blobs(8, 3), ckpt, TrainingListener.SILENT);
        assertThatThrownBy(() -> VaeTrainer.resume(ckpt, options(1))).hasMessageContaining("already done 1 epochs");
    }
}
