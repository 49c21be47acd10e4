package vaelab.cli;

/**
 * The options of {@code vaelab train} that every kind of model reads, checked once, by
 * {@link TrainCommand}, with the options' names; each kind's own options live in its mixin
 * ({@link VaeTraining}, {@link CrossModalTraining}, {@link DiscreteTraining}, {@link JudgeTraining}).
 *
 * @param latent    --latent as given, or null for the kind's default
 * @param klWarmup  epochs over which the KL weight rises from 0 (VAEs and crossmodal)
 * @param cosine    --schedule cosine
 */
record TrainingBasics(int epochs, int batchSize, float learningRate, long seed, boolean cosine, Integer latent, float klWarmup) {
    TrainingBasics {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new UserException("--epochs and --batch-size must be at least 1 and --lr positive");
        }
        if (latent != null && latent < 1) {
            throw new UserException("--latent must be at least 1");
        }
        if (!(klWarmup >= 0) || Float.isInfinite(klWarmup)) {
            throw new UserException("--kl-warmup must be >= 0 (and finite)");
        }
    }

    int latentOr(int byDefault) {
        return latent != null ? latent : byDefault;
    }
}
