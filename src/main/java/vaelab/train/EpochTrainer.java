package vaelab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.ToIntFunction;
import vaelab.tensor.Rng;

/**
 * The skeleton of a training run that its stages share: for each epoch not yet done, take that
 * epoch's examples, visit them in a shuffled order in batches, stop on a loss that is not finite,
 * report progress after every batch, record the epoch's row and write the checkpoint. A subclass says
 * what an epoch's data is, what one step does and what an epoch's row holds. Resuming is exact when
 * every generator a step draws from is in the {@link RunState}.
 *
 * @param <D> an epoch's examples
 */
public abstract class EpochTrainer<D> {
    /** Writes the whole checkpoint (every stage of the run) after an epoch. */
    @FunctionalInterface
    public interface Checkpoint {
        void write() throws IOException;

        Checkpoint NONE = () -> {
        };
    }

    /** Where a run that writes its model to {@code out} keeps its checkpoint: beside it, "out.checkpoint". */
    public static Path checkpointOf(Path out) {
        return out.resolveSibling(out.getFileName() + ".checkpoint");
    }

    protected final RunState state;
    private final Rng shuffle;
    private final int epochs;
    private final int batchSize;
    private final ToIntFunction<D> count;

    /** @param count how many examples an epoch's data holds */
    protected EpochTrainer(RunState state, Rng shuffle, int epochs, int batchSize, ToIntFunction<D> count) {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need epochs >= 1 and a batch size >= 1, got " + epochs + " and " + batchSize);
        }
        this.state = state;
        this.shuffle = shuffle;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.count = count;
    }

    public RunState state() {
        return state;
    }

    public int epochs() {
        return epochs;
    }

    /**
     * How far a linear warm-up over {@code epochs} epochs of {@code count} examples is at the next
     * step, in (0, 1]; 1 without a warm-up. Counted in optimizer steps, which a checkpoint restores,
     * so a resumed run continues the same ramp.
     */
    protected final double warmUp(float epochs, int count) {
        if (epochs <= 0) {
            return 1.0;
        }
        return Math.min(1.0, (state.optimizer().steps() + 1) / (epochs * (double) ((count + batchSize - 1) / batchSize)));
    }

    protected abstract D epochData(int epoch);

    /** One optimizer step on the examples {@code indices} of {@code data}; returns the batch's loss. */
    protected abstract double step(D data, int[] indices, int epoch);

    /** The epoch's row of the history, after its steps; {@code trainLoss} is the mean over its examples. */
    protected abstract Map<String, Double> endEpoch(int epoch, D data, double trainLoss, double seconds, double examplesPerSecond);

    /**
     * Trains the epochs that are left, writing {@code checkpoint} after each. A thread interrupted
     * while it trains stops after its current batch, its interrupt flag still set, and leaves the
     * state at the last finished epoch.
     */
    public final void run(Checkpoint checkpoint, TrainingListener listener) throws IOException {
        ProgressClock clock = null;
        for (int epoch = state.epochsDone() + 1; epoch <= epochs; epoch++) {
            D data = epochData(epoch);
            int n = count.applyAsInt(data);
            int batches = (n + batchSize - 1) / batchSize;
            if (clock == null) {
                clock = new ProgressClock(epoch, epochs, batches);
            }
            int[] order = new int[n];
            Arrays.setAll(order, i -> i);
            shuffle.shuffle(order);
            double total = 0;
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                int[] idx = Arrays.copyOfRange(order, b * batchSize, Math.min(n, (b + 1) * batchSize));
                double loss = step(data, idx, epoch);
                if (!Double.isFinite(loss)) {
                    throw new DivergedException("the loss became " + loss + " in epoch " + epoch + ", batch " + (b + 1)
                            + "; training stopped" + (state.epochsDone() > 0 ? " and the checkpoint of epoch "
                            + state.epochsDone() + " is kept" : " before the first checkpoint") + ". Try a smaller learning rate.");
                }
                total += loss * idx.length;
                listener.batchDone(clock.tick(epoch, b + 1, idx.length, loss));
                if (Thread.currentThread().isInterrupted()) {
                    return; // asked to stop: the epoch is abandoned, the last checkpoint kept
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> row = endEpoch(epoch, data, total / n, clock.elapsedSeconds(), n / seconds);
            state.epochDone(epoch, row);
            checkpoint.write();
            listener.epochDone(epoch, row);
        }
    }

    /** Training that cannot go on: the loss diverged. The last good checkpoint is kept. */
    public static final class DivergedException extends RuntimeException {
        public DivergedException(String message) {
            super(message);
        }
    }
}
