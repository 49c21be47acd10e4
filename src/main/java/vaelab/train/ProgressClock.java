package vaelab.train;

/** Turns batch counts and the wall clock into a {@link TrainingListener.Progress} with throughput and ETA. */
final class ProgressClock {
    private final long start = System.nanoTime();
    private final int firstEpoch;
    private final int epochs;
    private final int batches;
    private long images;

    /** A run of epochs firstEpoch … epochs (a resumed run starts past 1), each of {@code batches} batches. */
    ProgressClock(int firstEpoch, int epochs, int batches) {
        this.firstEpoch = firstEpoch;
        this.epochs = epochs;
        this.batches = batches;
    }

    TrainingListener.Progress tick(int epoch, int batch, int batchImages, double loss) {
        images += batchImages;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double done = ((epoch - firstEpoch) * (double) batches + batch) / ((double) (epochs - firstEpoch + 1) * batches);
        double eta = done > 0 ? elapsed * (1 - done) / done : Double.NaN;
        return new TrainingListener.Progress(epoch, epochs, batch, batches, loss, images / Math.max(elapsed, 1e-9), elapsed, eta);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
