package vaelab.optim;

/** The learning rate as a function of the step (0-based). */
@FunctionalInterface
public interface LearningRateSchedule {
    float rate(long step);

    static LearningRateSchedule constant(float rate) {
        return step -> rate;
    }

    /**
     * Linear warm-up from 0 to {@code peak} over {@code warmupSteps}, then a cosine decay to
     * {@code floor} at {@code totalSteps} (and {@code floor} after).
     */
    static LearningRateSchedule warmupCosine(float peak, long warmupSteps, long totalSteps, float floor) {
        if (warmupSteps < 0 || totalSteps < warmupSteps) {
            throw new IllegalArgumentException("need 0 <= warm-up steps <= total steps, got " + warmupSteps + " and " + totalSteps);
        }
        return step -> {
            if (step < warmupSteps) {
                return peak * (step + 1) / warmupSteps;
            }
            if (step >= totalSteps) {
                return floor;
            }
            double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
            return (float) (floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress)));
        };
    }

    /**
     * {@code peak} until {@code decayStart}, then a cosine decay to {@code floor} at {@code totalSteps}
     * ({@code floor} after): train at full speed while it still pays, and settle at the end. The rate
     * up to {@code decayStart} does not depend on {@code totalSteps}, so a run may be extended with a
     * decay after the fact and take the same steps as if it had been planned from the start.
     */
    static LearningRateSchedule stableThenCosine(float peak, long decayStart, long totalSteps, float floor) {
        if (decayStart < 0 || totalSteps < decayStart) {
            throw new IllegalArgumentException("need 0 <= decay start <= total steps, got " + decayStart + " and " + totalSteps);
        }
        return step -> {
            if (step < decayStart) {
                return peak;
            }
            if (step >= totalSteps) {
                return floor;
            }
            double progress = (double) (step - decayStart) / Math.max(1, totalSteps - decayStart);
            return (float) (floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress)));
        };
    }

    /** {@code base} multiplied by {@code gamma} every {@code stepSize} steps. */
    static LearningRateSchedule stepDecay(float base, long stepSize, float gamma) {
        if (stepSize < 1) {
            throw new IllegalArgumentException("step size must be at least 1, got " + stepSize);
        }
        return step -> (float) (base * Math.pow(gamma, step / stepSize));
    }
}
