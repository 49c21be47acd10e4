package vaelab.api;

/**
 * Hears how an in-process training run goes. The library itself never prints; implement this to
 * show progress in your own way. Calls come from the thread that runs the training.
 *
 * <pre>{@code
 * ProgressListener log = (phase, epoch, epochs, fraction, loss) ->
 *         System.out.printf("%s %d/%d %.0f%% loss %.3f%n", phase, epoch, epochs, 100 * fraction, loss);
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param phase    what is being trained: "vae" or "judge"
     * @param epoch    the current epoch, from 1
     * @param epochs   epochs in this phase
     * @param fraction how much of this phase is done, in [0, 1]
     * @param loss     the loss of the latest batch
     */
    void progress(String phase, int epoch, int epochs, double fraction, double loss);

    /** A listener that ignores everything. */
    ProgressListener NONE = (phase, epoch, epochs, fraction, loss) -> { };
}
