package vaelab.train;

import java.util.Map;

/**
 * What a training run reports while it works. The library never prints: the command line passes
 * a console implementation, an embedding application its own.
 */
public interface TrainingListener {
    /** Where a run stands after one batch. */
    record Progress(int epoch, int epochs, int batch, int batches, double loss, double imagesPerSecond,
                    double elapsedSeconds, double etaSeconds) {
        /** The fraction of the whole run done, in [0, 1]. */
        public double fraction() {
            return ((epoch - 1) + (double) batch / batches) / epochs;
        }
    }

    /** A run in several parts (the judge, then the VAE) announces each; epochs and clocks restart with it. */
    default void phase(String description) {
    }

    default void batchDone(Progress progress) {
    }

    /** After each epoch, with its metrics (e.g. "train_loss", "test_accuracy"). */
    default void epochDone(int epoch, Map<String, Double> metrics) {
    }

    TrainingListener SILENT = new TrainingListener() {
    };
}
