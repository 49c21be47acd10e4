package vaelab.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vaelab.data.CaptionedFolder;
import vaelab.data.CaptionedImages;
import vaelab.model.CaptionVocabulary;
import vaelab.model.CrossModalModel;
import vaelab.model.CrossModalVae;
import vaelab.tensor.Rng;
import vaelab.train.CrossModalTrainer;
import vaelab.train.TrainingListener;

/**
 * Trains a cross-modal model on your own pictures and captions, in this process. The settings are
 * an immutable value; {@link #train} may run on any thread and blocks until it is done.
 *
 * <pre>{@code
 * List<TextImageTraining.Example> data = List.of(
 *         new TextImageTraining.Example(pixels1, "a red boat on a lake"),
 *         new TextImageTraining.Example(pixels2, "two boats at night"));
 * TextImageModel model = TextImageTraining.defaults().withEpochs(20).withSeed(7)
 *         .train(data, ProgressListener.NONE);
 * model.generate("a boat", 4, 1L);
 * }</pre>
 *
 * @param epochs       passes over the examples
 * @param batchSize    examples per step
 * @param learningRate Adam's learning rate
 * @param latent       dimensions of the shared code
 * @param seed         fixes initialisation, shuffling and noise: the same data and settings give the same model
 * @param saveTo       where to write the model (and its checkpoint) after every epoch, or null to keep it in memory only
 */
public record TextImageTraining(int epochs, int batchSize, float learningRate, int latent, long seed, Path saveTo) {
    /**
     * A picture and its caption. For example {@code new Example(pixels, "two boats at night")}.
     *
     * @param pixels  3 × 32 × 32 RGB values in [0, 1]
     * @param caption what it shows, in English or Chinese
     */
    public record Example(float[] pixels, String caption) {
        /**
         * Checks the example.
         *
         * @param pixels  3 × 32 × 32 RGB values in [0, 1]
         * @param caption what the picture shows
         * @throws IllegalArgumentException for a picture of another size or an empty caption
         */
        public Example {
            if (pixels == null || pixels.length != 3 * TextImageModel.SIDE * TextImageModel.SIDE) {
                throw new IllegalArgumentException("a picture is 3 × 32 × 32 = 3072 values, got " + (pixels == null ? "null" : pixels.length));
            }
            if (caption == null || caption.isBlank()) {
                throw new IllegalArgumentException("every example needs a caption");
            }
        }
    }

    /**
     * Checks the settings.
     *
     * @param epochs       passes over the examples, at least 1
     * @param batchSize    examples per step, at least 1
     * @param learningRate Adam's learning rate, positive
     * @param latent       dimensions of the shared code, at least 1
     * @param seed         fixes initialisation, shuffling and noise
     * @param saveTo       where to save after every epoch, or null
     * @throws IllegalArgumentException when a setting is out of range
     */
    public TextImageTraining {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || latent < 1) {
            throw new IllegalArgumentException("need epochs, batch size and latent >= 1 and a positive learning rate");
        }
    }

    /**
     * The defaults: 10 epochs, batch 32, learning rate 1e-3, latent 32, seed 1, kept in memory.
     *
     * @return the default settings
     */
    public static TextImageTraining defaults() {
        return new TextImageTraining(10, 32, 1e-3f, 32, 1, null);
    }

    /**
     * These settings with another value of {@code epochs}.
     *
     * @param n the new value
     * @return new settings
     */
    public TextImageTraining withEpochs(int n) {
        return new TextImageTraining(n, batchSize, learningRate, latent, seed, saveTo);
    }

    /**
     * These settings with another value of {@code batchSize}.
     *
     * @param n the new value
     * @return new settings
     */
    public TextImageTraining withBatchSize(int n) {
        return new TextImageTraining(epochs, n, learningRate, latent, seed, saveTo);
    }

    /**
     * These settings with another value of {@code latent}.
     *
     * @param n the new value
     * @return new settings
     */
    public TextImageTraining withLatent(int n) {
        return new TextImageTraining(epochs, batchSize, learningRate, n, seed, saveTo);
    }

    /**
     * These settings with another seed.
     *
     * @param s the new seed
     * @return new settings
     */
    public TextImageTraining withSeed(long s) {
        return new TextImageTraining(epochs, batchSize, learningRate, latent, s, saveTo);
    }

    /**
     * These settings, saving the model (and a checkpoint beside it) after every epoch.
     *
     * @param file where, or null to keep the model in memory only
     * @return new settings
     */
    public TextImageTraining withSaveTo(Path file) {
        return new TextImageTraining(epochs, batchSize, learningRate, latent, seed, file);
    }

    /**
     * Reads a folder in the format of {@code vaelab dataset export} (captions.tsv and pictures), skipping bad rows.
     *
     * @param folder the folder
     * @return its usable examples, resized to 32 × 32
     * @throws IOException when the folder or its captions.tsv cannot be read
     */
    public static List<Example> readFolder(Path folder) throws IOException {
        List<Example> out = new ArrayList<>();
        for (CaptionedFolder.Example e : CaptionedFolder.read(folder, TextImageModel.SIDE, true).examples()) {
            out.add(new Example(e.pixels(), e.caption()));
        }
        return out;
    }

    /**
     * Trains on {@code examples} (at least 2; one in ten, at least one, is held out to report a test
     * loss each epoch) and returns the model, which has no sentiment judge.
     *
     * @param examples pictures and captions
     * @param listener hears each batch; {@link ProgressListener#NONE} for silence
     * @return the trained model
     * @throws IOException when {@link #saveTo()} cannot be written
     */
    public TextImageModel train(List<Example> examples, ProgressListener listener) throws IOException {
        if (examples.size() < 2) {
            throw new IllegalArgumentException("training needs at least 2 examples, got " + examples.size());
        }
        int held = Math.max(1, examples.size() / 10);
        CaptionedImages train = images(examples.subList(0, examples.size() - held));
        CaptionedImages test = images(examples.subList(examples.size() - held, examples.size()));
        CaptionVocabulary captions = CaptionVocabulary.of(train.captions());
        CrossModalVae vae = new CrossModalVae(CrossModalVae.Config.forCaptions(3, latent, captions, CrossModalVae.Config.IMAGE_SIGMA),
                CrossModalVae.Weights.DEFAULT, new Rng(seed));
        CrossModalModel model = new CrossModalModel(vae, captions.vocabulary(), null, "own", Map.of());
        CrossModalTrainer trainer = new CrossModalTrainer(model,
                new CrossModalTrainer.Options(epochs, 0, batchSize, learningRate, seed, Math.min(1f, epochs / 2f)));
        return TextImageModel.of(trainer.run(train, test, saveTo, adapt(listener)));
    }

    private static CaptionedImages images(List<Example> examples) {
        int size = 3 * TextImageModel.SIDE * TextImageModel.SIDE;
        float[] pixels = new float[examples.size() * size];
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            System.arraycopy(examples.get(i).pixels(), 0, pixels, i * size, size);
            captions.add(examples.get(i).caption());
        }
        return new CaptionedImages(pixels, examples.size(), 3, captions, null, null);
    }

    private static TrainingListener adapt(ProgressListener l) {
        return new TrainingListener() {
            private String phase = "vae";

            @Override
            public void phase(String description) {
                phase = description.contains("judge") ? "judge" : "vae";
            }

            @Override
            public void batchDone(Progress p) {
                l.progress(phase, p.epoch(), p.epochs(), (p.batch() + (p.epoch() - 1.0) * p.batches()) / (p.epochs() * (double) p.batches()),
                        p.loss());
            }
        };
    }
}
