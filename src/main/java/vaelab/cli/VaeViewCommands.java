package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vaelab.data.FashionMnist;
import vaelab.data.LabeledImages;
import vaelab.io.ModelFile;
import vaelab.model.VariationalAutoencoder;
import vaelab.report.Charts;
import vaelab.report.ImageGrid;
import vaelab.report.VaeViews;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** The commands that draw what a trained VAE learned. Each writes one PNG and prints its path. */
final class VaeViewCommands {
    private VaeViewCommands() {
    }

    static void write(CommandSpec spec, VaeViews.Grid grid, int[] dims, int scale, Path out) {
        PictureOptions.write(ImageGrid.render(grid.pixels(), grid.count(), dims[0], dims[1], dims[2], grid.columns(), scale,
                grid.rowLabels()), out, spec.commandLine().getOut());
    }

    static void requireImage(int index, LabeledImages test) {
        if (index < 0 || index >= test.count()) {
            throw new UserException("image index " + index + " is outside the " + test.count() + " test images");
        }
    }

    static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new UserException(option + " must be at least 1, got " + value);
        }
    }

    /** The most samples one grid shows. */
    static final int MAX_SAMPLES = 1024;
    /** The longest side of a picture these commands write, in pixels. */
    static final int MAX_SIDE = 16_384;

    /** Refuses, before any work, a grid whose picture would be larger than {@link #MAX_SIDE} on a side. */
    static void requireDrawable(int count, int columns, int[] dims, int scale) {
        long rows = (count + columns - 1) / Math.max(1, columns);
        long width = (long) columns * (dims[2] * (long) scale + 2);
        long height = rows * (dims[1] * (long) scale + 2);
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new UserException("the picture would be " + width + "×" + height + " pixels, more than " + MAX_SIDE
                    + " on a side; lower --n or --scale");
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, description = "Decode codes drawn from the prior N(0, I) into a grid of pictures (default: out/samples.png, scale 3).")
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        VaeModelOption model = new VaeModelOption();
        @Option(names = "--n", defaultValue = "64", description = "How many samples (default: ${DEFAULT-VALUE}).")
        int n;
        @Option(names = "--seed", defaultValue = "1", description = "Seed of the codes (default: ${DEFAULT-VALUE}).")
        long seed;
        @Mixin
        PictureOptions picture = new PictureOptions();

        @Override
        public Integer call() {
            requirePositive("--n", n);
            if (n > MAX_SAMPLES) {
                throw new UserException("--n must be between 1 and " + MAX_SAMPLES + ", got " + n);
            }
            int scale = picture.scale(3);
            Path out = picture.out(Path.of("out/samples.png"));
            VariationalAutoencoder vae = model.load();
            int columns = (int) Math.ceil(Math.sqrt(n));
            requireDrawable(n, columns, vae.imageDims(), scale);
            write(spec, VaeViews.samples(vae, n, new Rng(seed), columns), vae.imageDims(), scale, out);
            return 0;
        }
    }

    @Command(name = "reconstruct", mixinStandardHelpOptions = true,
            description = {"Test images and their reconstructions from the posterior means, row by row (default: out/reconstructions.png,"
                    + " scale 3).", "Given a scene model (crossmodal or discrete), test scenes rebuilt through the model's own code.",
                    "Example: vaelab reconstruct --model data/models/scenes-discrete.vae --n 16"})
    static final class Reconstruct implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        VaeModelOption model = new VaeModelOption();
        @Mixin
        DataOptions data = new DataOptions();
        @Option(names = "--n", defaultValue = "32", description = "How many test images, from the first (default: ${DEFAULT-VALUE}).")
        int n;
        @Mixin
        PictureOptions picture = new PictureOptions();

        @Override
        public Integer call() {
            requirePositive("--n", n);
            int scale = picture.scale(3);
            Path out = picture.out(Path.of("out/reconstructions.png"));
            ModelFile file = model.read();
            if (java.util.Set.of(vaelab.model.CrossModalModel.ARCHITECTURE, vaelab.model.DiscreteModel.ARCHITECTURE)
                    .contains(file.architecture())) {
                requireDrawable(2 * n, Math.min(16, n), new int[] {3, 32, 32}, scale);
                scenes(model.file, n, scale, out);
                return 0;
            }
            VariationalAutoencoder vae = model.load();
            LabeledImages test = data.load(FashionMnist.Split.TEST);
            int[] idx = java.util.stream.IntStream.range(0, Math.min(n, test.count())).toArray();
            write(spec, VaeViews.reconstructions(vae, test, idx, Math.min(16, idx.length)), vae.imageDims(), scale, out);
            return 0;
        }

        /** The first n test scenes and the scene model's rebuilding of each, 16 to a row. */
        private void scenes(Path file, int count, int scale, Path out) {
            vaelab.api.TextImageModel m = UserException.orUserError(() -> vaelab.api.TextImageModel.load(file));
            vaelab.data.scenes.ScenesDataset test = vaelab.data.scenes.ScenesDataset.generate(vaelab.data.scenes.ScenesDataset.Split.TEST,
                    count);
            int[] dims = {3, 32, 32};
            float[] rebuilt = m.network().rebuild(Tensor.of(test.pixels(), count, dims[0], dims[1], dims[2]));
            write(spec, VaeViews.pairs(test.pixels(), rebuilt, count, dims[0] * dims[1] * dims[2], Math.min(16, count)), dims, scale, out);
        }
    }

    @Command(name = "interpolate", mixinStandardHelpOptions = true,
            description = "Walk in latent space from one test image's code to another's, as a strip (default: out/interpolation.png,"
                    + " scale 3).")
    static final class Interpolate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        VaeModelOption model = new VaeModelOption();
        @Mixin
        DataOptions data = new DataOptions();
        @Option(names = "--from", defaultValue = "0", description = "Index of the first test image (default: ${DEFAULT-VALUE}).")
        int from;
        @Option(names = "--to", defaultValue = "1", description = "Index of the second test image (default: ${DEFAULT-VALUE}).")
        int to;
        @Option(names = "--steps", defaultValue = "10", description = "Decoded points on the way (default: ${DEFAULT-VALUE}).")
        int steps;
        @Mixin
        PictureOptions picture = new PictureOptions();

        @Override
        public Integer call() {
            requirePositive("--steps", steps);
            int scale = picture.scale(3);
            Path out = picture.out(Path.of("out/interpolation.png"));
            VariationalAutoencoder vae = model.load();
            LabeledImages test = data.load(FashionMnist.Split.TEST);
            requireImage(from, test);
            requireImage(to, test);
            write(spec, VaeViews.interpolation(vae, test, from, to, steps), vae.imageDims(), scale, out);
            return 0;
        }
    }

    @Command(name = "traverse", mixinStandardHelpOptions = true,
            description = "Sweep one latent dimension at a time (the others at 0, or at a test image's code), one row each (default:"
                    + " out/traversal.png, scale 2).")
    static final class Traverse implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        VaeModelOption model = new VaeModelOption();
        @Mixin
        DataOptions data = new DataOptions();
        @Option(names = "--dims", split = ",", paramLabel = "J", description = "Dimensions to sweep (default: all).")
        int[] dims;
        @Option(names = "--image", paramLabel = "INDEX", description = "Start from this test image's code instead of 0.")
        Integer image;
        @Option(names = "--range", defaultValue = "3", description = "Sweep from -R to +R (default: ${DEFAULT-VALUE}).")
        float range;
        @Option(names = "--steps", defaultValue = "9", description = "Points per sweep (default: ${DEFAULT-VALUE}).")
        int steps;
        @Mixin
        PictureOptions picture = new PictureOptions();

        @Override
        public Integer call() {
            requirePositive("--steps", steps);
            int scale = picture.scale(2);
            Path out = picture.out(Path.of("out/traversal.png"));
            VariationalAutoencoder vae = model.load();
            int[] chosen = dims != null ? dims : java.util.stream.IntStream.range(0, vae.latent()).toArray();
            for (int j : chosen) {
                if (j < 0 || j >= vae.latent()) {
                    throw new UserException("latent dimension " + j + " does not exist; the model has " + vae.latent());
                }
            }
            float[] base = new float[vae.latent()];
            if (image != null) {
                LabeledImages test = data.load(FashionMnist.Split.TEST);
                requireImage(image, test);
                base = VaeViews.posteriorMeans(vae, test.head(image + 1), image + 1)[image];
            }
            write(spec, VaeViews.traversal(vae, base, chosen, range, steps), vae.imageDims(), scale, out);
            return 0;
        }
    }

    @Command(name = "latent-map", mixinStandardHelpOptions = true,
            description = "The test images' posterior means projected on their two principal components, coloured by class.")
    static final class LatentMap implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        VaeModelOption model = new VaeModelOption();
        @Mixin
        DataOptions data = new DataOptions();
        @Option(names = "--n", defaultValue = "5000", description = "How many test images (default: ${DEFAULT-VALUE}).")
        int n;
        @Option(names = "--out", paramLabel = "FILE", description = "The picture to write, PNG or JPEG by its extension (default:"
                + " out/latent-map.png).")
        Path out;

        @Override
        public Integer call() throws IOException {
            requirePositive("--n", n);
            Path target = PictureOutput.check(out != null ? out : Path.of("out/latent-map.png"));
            VariationalAutoencoder vae = model.load();
            LabeledImages test = data.load(FashionMnist.Split.TEST).head(n);
            float[][] mu = VaeViews.posteriorMeans(vae, test, n);
            PictureOptions.write(Charts.pcaScatter("Posterior means of " + mu.length + " test images (PCA)", mu, test.labels(),
                    test.classNames(), 900, 700), target, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "curves", mixinStandardHelpOptions = true,
            description = "Training curves (total, reconstruction, KL per image; train and test) of a saved VAE run.")
    static final class Curves implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        VaeModelOption model = new VaeModelOption();
        @Option(names = "--out", paramLabel = "FILE", description = "The picture to write, PNG or JPEG by its extension (default:"
                + " the model file with .curves.png).")
        Path out;

        @Override
        public Integer call() throws IOException {
            ModelFile m = model.read();
            vaelab.model.History h = vaelab.train.VaeTrainer.historyOf(m);
            if (h.size() == 0) {
                throw new UserException("model file " + model.file + " has no training history");
            }
            Path target = PictureOutput.check(out != null ? out : Path.of(model.file + ".curves.png"));
            PictureOptions.write(curves(h), target, spec.commandLine().getOut());
            return 0;
        }
    }

    /** The charts of a VAE run's history: −ELBO and reconstruction above, KL below. */
    static java.awt.image.BufferedImage curves(vaelab.model.History history) {
        String[] columns = {"train_loss", "train_recon", "train_kl", "test_neg_elbo", "test_recon", "test_kl"};
        String[] names = {"train loss", "train reconstruction", "train KL", "test -ELBO", "test reconstruction", "test KL"};
        Map<String, List<double[]>> top = new LinkedHashMap<>();
        Map<String, List<double[]>> bottom = new LinkedHashMap<>();
        double[] epochs = history.column("epoch");
        for (int s = 0; s < names.length; s++) {
            double[] values = history.column(columns[s]);
            List<double[]> points = new ArrayList<>();
            for (int e = 0; e < epochs.length; e++) {
                points.add(new double[] {epochs[e], values[e]});
            }
            (names[s].endsWith("KL") ? bottom : top).put(names[s], points);
        }
        java.awt.image.BufferedImage a = Charts.lines("VAE training: -ELBO and reconstruction", "epoch", "nats per image", top, 900, 420);
        java.awt.image.BufferedImage b = Charts.lines("KL(q(z|x) || p(z))", "epoch", "nats per image", bottom, 900, 320);
        java.awt.image.BufferedImage both = new java.awt.image.BufferedImage(900, 740, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = both.createGraphics();
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, 0, 420, null);
        g.dispose();
        return both;
    }
}
