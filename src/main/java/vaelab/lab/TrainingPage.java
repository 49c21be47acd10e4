package vaelab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vaelab.data.LabeledImages;
import vaelab.model.MlpVae;
import vaelab.model.VariationalAutoencoder;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.train.EpochTrainer;
import vaelab.train.TrainingListener;
import vaelab.train.VaeTrainer;

/**
 * Train live: one small VAE at a time, trained in the server on a subset of Fashion-MNIST from the
 * page's settings, its curves (loss per batch; per epoch −ELBO, reconstruction, KL, KL per
 * dimension, active units) and prior samples polled by the page while it runs; a stop button.
 */
final class TrainingPage {
    static final int SAMPLES = 16;
    /** Loss points kept for the live curve; older ones are thinned to every other. */
    static final int MAX_POINTS = 2000;

    private final Supplier<LabeledImages> train;
    private final Supplier<LabeledImages> test;
    private Thread worker;
    private Map<String, Object> settings = Map.of();
    private final List<double[]> losses = new ArrayList<>();
    private final List<Map<String, Object>> epochs = new ArrayList<>();
    private List<String> samples = List.of();
    private int lossStride = 1;
    private long batches;
    private String state = "idle";
    private String error;
    private int epochsWanted;
    private double fraction;

    TrainingPage(Supplier<LabeledImages> train, Supplier<LabeledImages> test) {
        this.train = train;
        this.test = test;
    }

    synchronized Object start(JsonRequest r) {
        int latent = r.integer("latent", 1, 64, 8);
        double beta = r.real("beta", 0, 64, 1.0);
        double warmup = r.real("warmup", 0, 20, 0.0);
        double freeBits = r.real("freeBits", 0, 8, 0.0);
        int epochCount = r.integer("epochs", 1, 30, 5);
        int subset = r.integer("subset", 256, 60000, 10000);
        long seed = r.seed("seed", 1);
        if (worker != null && worker.isAlive()) {
            throw new LabException(409, "a training is already running (one at a time): stop it or wait for it to finish");
        }
        LabeledImages data = train.get().head(subset);
        LabeledImages held = test.get().head(1000);
        VariationalAutoencoder vae = new MlpVae(new int[] {data.channels(), data.height(), data.width()}, 400, latent,
                VariationalAutoencoder.Likelihood.BERNOULLI, new Rng(seed));
        VaeTrainer trainer = new VaeTrainer(vae, new VaeTrainer.Options(epochCount, 100, 1e-3f, seed, (float) warmup,
                (float) freeBits, (float) beta), data, held);
        settings = Map.of("latent", latent, "beta", beta, "warmup", warmup, "freeBits", freeBits, "epochs", epochCount,
                "subset", subset, "seed", seed);
        losses.clear();
        epochs.clear();
        samples = List.of();
        lossStride = 1;
        batches = 0;
        error = null;
        fraction = 0;
        epochsWanted = epochCount;
        state = "running";
        Tensor noise = Tensor.randn(new Rng(seed + 1), SAMPLES, latent);
        worker = new Thread(() -> run(trainer, noise), "vaelab-lab-training");
        worker.setDaemon(true);
        worker.start();
        return status(null);
    }

    private void run(VaeTrainer trainer, Tensor noise) {
        TrainingListener listener = new TrainingListener() {
            @Override
            public void batchDone(Progress p) {
                synchronized (TrainingPage.this) {
                    batches++;
                    fraction = p.fraction();
                    if (batches % lossStride == 0) {
                        losses.add(new double[] {batches, p.loss()});
                    }
                    if (losses.size() > MAX_POINTS) {
                        List<double[]> kept = new ArrayList<>();
                        for (int i = 0; i < losses.size(); i += 2) {
                            kept.add(losses.get(i));
                        }
                        losses.clear();
                        losses.addAll(kept);
                        lossStride *= 2;
                    }
                }
            }

            @Override
            public void epochDone(int epoch, Map<String, Double> metrics) {
                Map<String, Object> row = new LinkedHashMap<>(metrics);
                row.put("kl_per_dimension", trainer.lastTest().klPerDimension());
                row.put("active_units", trainer.lastTest().activeUnits());
                row.put("collapsed_dimensions", trainer.lastTest().collapsedDimensions());
                List<String> drawn = draw(trainer.model(), noise);
                synchronized (TrainingPage.this) {
                    epochs.add(row);
                    samples = drawn;
                }
            }
        };
        try {
            trainer.run(EpochTrainer.Checkpoint.NONE, listener);
            synchronized (this) {
                state = Thread.currentThread().isInterrupted() ? "stopped" : "done";
            }
        } catch (RuntimeException | java.io.IOException e) {
            synchronized (this) {
                state = "failed";
                error = e.getMessage();
            }
        }
    }

    private static List<String> draw(VariationalAutoencoder vae, Tensor noise) {
        boolean training = vae.isTraining();
        vae.eval();
        float[] pixels;
        try (GradMode.Scope ignored = GradMode.disable()) {
            pixels = vae.toPixels(vae.decode(noise));
        }
        vae.setTraining(training);
        int[] d = vae.imageDims();
        int size = d[0] * d[1] * d[2];
        List<String> out = new ArrayList<>();
        for (int i = 0; i < noise.dim(0); i++) {
            out.add(PngData.of(pixels, i * size, d[0], d[1], d[2]));
        }
        return out;
    }

    /** Asks the running training to stop after its current batch. */
    synchronized Object stop(JsonRequest ignored) {
        if (worker == null || !worker.isAlive()) {
            throw new LabException(409, "no training is running");
        }
        worker.interrupt();
        state = "stopping";
        return status(null);
    }

    /** Where the training stands: settings, state, curves so far and the latest samples. */
    synchronized Object status(JsonRequest ignored) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        out.put("settings", settings);
        out.put("epochs", epochsWanted);
        out.put("fraction", fraction);
        out.put("batches", batches);
        out.put("losses", List.copyOf(losses));
        out.put("rows", List.copyOf(epochs));
        out.put("samples", samples);
        out.put("error", error);
        return out;
    }

    /** Stops a running training, if any, when the lab closes. */
    synchronized void stopQuietly() {
        if (worker != null && worker.isAlive()) {
            worker.interrupt();
        }
    }
}
