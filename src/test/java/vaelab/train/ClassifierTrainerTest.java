package vaelab.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaelab.data.LabeledImages;
import vaelab.eval.ClassifierEvaluation;
import vaelab.model.ConvClassifier;
import vaelab.tensor.Rng;

class ClassifierTrainerTest {
    /** Three classes a CNN can tell apart: a bright top half, a bright left half, or dark with noise. */
    static LabeledImages toyImages(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] px = new float[n * 8 * 8];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean on = labels[i] == 0 ? y < 4 : labels[i] == 1 && x < 4;
                    px[i * 64 + y * 8 + x] = (on ? 0.8f : 0.1f) + 0.2f * rng.nextFloat();
                }
            }
        }
        return new LabeledImages(px, labels, n, 1, 8, 8, new String[] {"top", "left", "dark"});
    }

    @Test
    void learnsASimpleTaskAndReportsProgress() throws Exception {
        ConvClassifier model = new ConvClassifier(new ConvClassifier.Config(1, 8, 8, 3, 4, 8, 16, 0.1f), new Rng(1));
        List<TrainingListener.Progress> batches = new ArrayList<>();
        List<Integer> saved = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void batchDone(Progress p) {
                batches.add(p);
            }
        };
        LabeledImages train = toyImages(300, 2);
        LabeledImages test = toyImages(90, 3);
        double before = ClassifierEvaluation.evaluate(model, test).accuracy();
        Map<String, Double> m = ClassifierTrainer.train(model, train, test,
                new ClassifierTrainer.Options(4, 32, 0.01f, 7, true), listener, saved::add);
        assertThat(before).isLessThan(0.6);
        assertThat(m.get("test_accuracy")).isGreaterThan(0.95);
        assertThat(saved).containsExactly(1, 2, 3, 4);
        assertThat(batches).hasSize(4 * 10);
        TrainingListener.Progress last = batches.get(batches.size() - 1);
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(last.imagesPerSecond()).isPositive();
        assertThat(batches.get(5).etaSeconds()).isPositive();
        assertThat(model.isTraining()).isFalse();
    }

    @Test
    void sameSeedSameModel() throws Exception {
        float[][] results = new float[2][];
        for (int run = 0; run < 2; run++) {
            ConvClassifier model = new ConvClassifier(new ConvClassifier.Config(1, 8, 8, 3, 2, 4, 8, 0.2f), new Rng(5));
            ClassifierTrainer.train(model, toyImages(64, 2), null, new ClassifierTrainer.Options(1, 16, 0.01f, 3, false),
                    TrainingListener.SILENT, e -> { });
            results[run] = model.state().get("net.10.weight").data();
        }
        assertThat(results[1]).containsExactly(results[0]);
    }

    /** Stopped after two epochs and resumed from its checkpoint, a run takes the steps of one that never stopped. */
    @Test
    void aResumedRunEndsWhereAnUnbrokenOneDoes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        LabeledImages train = toyImages(96, 2);
        LabeledImages test = toyImages(30, 3);
        ConvClassifier.Config config = new ConvClassifier.Config(1, 8, 8, 3, 2, 4, 8, 0.3f);
        ClassifierTrainer.Options four = new ClassifierTrainer.Options(4, 16, 0.01f, 3, true);
        ConvClassifier a = new ConvClassifier(config, new Rng(5));
        ClassifierTrainer.train(a, train, test, four, TrainingListener.SILENT, e -> { });

        java.nio.file.Path checkpoint = dir.resolve("c.vae.checkpoint");
        ClassifierTrainer first = new ClassifierTrainer(new ConvClassifier(config, new Rng(5)), four, train, test);
        first.run(() -> {
            first.toCheckpoint().write(checkpoint);
            if (first.state().epochsDone() == 2) {
                Thread.currentThread().interrupt(); // stop after the second epoch's checkpoint, as a killed run would
            }
        }, TrainingListener.SILENT);
        Thread.interrupted();
        assertThat(first.state().epochsDone()).isEqualTo(2);
        ClassifierTrainer resumed = ClassifierTrainer.resume(checkpoint, four, train, test);
        assertThat(resumed.state().epochsDone()).isEqualTo(2);
        resumed.run(EpochTrainer.Checkpoint.NONE, TrainingListener.SILENT);
        a.state().forEach((k, v) -> assertThat(resumed.model().state().get(k).data()).as(k).containsExactly(v.data()));
        assertThat(resumed.state().history().column("epoch")).containsExactly(1.0, 2.0, 3.0, 4.0);
    }

    @Test
    void aDivergingRunStopsWithTheSkeletonsException() {
        ConvClassifier model = new ConvClassifier(new ConvClassifier.Config(1, 8, 8, 3, 2, 4, 8, 0f), new Rng(5));
        LabeledImages broken = toyImages(64, 2);
        java.util.Arrays.fill(broken.pixels(), Float.NaN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClassifierTrainer.train(model, broken, null,
                        new ClassifierTrainer.Options(3, 16, 0.01f, 3, false), TrainingListener.SILENT, e -> { }))
                .isInstanceOf(EpochTrainer.DivergedException.class).hasMessageContaining("epoch");
    }
}
