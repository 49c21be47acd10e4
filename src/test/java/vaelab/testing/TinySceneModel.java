package vaelab.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.model.CaptionVocabulary;
import vaelab.model.CrossModalModel;
import vaelab.model.CrossModalVae;
import vaelab.model.SceneJudge;
import vaelab.tensor.Rng;
import vaelab.train.CrossModalTrainer;
import vaelab.train.TrainingListener;

/** A cross-modal scene model trained for a moment on a few scenes: enough to exercise every path, not to be good. */
public final class TinySceneModel {
    private TinySceneModel() {
    }

    public static CaptionedImages scenes(ScenesDataset.Split split, int n) {
        return CaptionedImages.of(ScenesDataset.generate(split, n));
    }

    public static CrossModalModel untrained(CaptionedImages train, int latent, long seed) {
        return untrained(train, latent, seed, 1);
    }

    /** As {@link #untrained(CaptionedImages, int, long)} with each pixel a mixture of that many colours. */
    public static CrossModalModel untrained(CaptionedImages train, int latent, long seed, int pixelComponents) {
        CaptionVocabulary captions = CaptionVocabulary.of(train.captions());
        Rng rng = new Rng(seed);
        CrossModalVae vae = new CrossModalVae(new CrossModalVae.Config(3, latent, captions.vocabulary().size(), 8, 16,
                captions.longest(), 0.1f).withPixelComponents(pixelComponents), new CrossModalVae.Weights(5f, 0.2f, 0f), rng);
        return new CrossModalModel(vae, captions.vocabulary(), new SceneJudge(0.1f, rng), "scenes", Map.of());
    }

    /** Trains one judge epoch and one VAE epoch on 48 scenes and writes the model to {@code file}. */
    public static CrossModalModel write(Path file) throws IOException {
        return write(file, 1);
    }

    /** As {@link #write(Path)} with each pixel a mixture of that many colours. */
    public static CrossModalModel write(Path file, int pixelComponents) throws IOException {
        CaptionedImages train = scenes(ScenesDataset.Split.TRAIN, 48);
        CaptionedImages test = scenes(ScenesDataset.Split.TEST, 16);
        CrossModalModel m = untrained(train, 4, 3, pixelComponents);
        return new CrossModalTrainer(m, new CrossModalTrainer.Options(1, 1, 16, 3e-3f, 1, 0f)).run(train, test, file,
                TrainingListener.SILENT);
    }
}
