package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vaelab.data.FashionMnist;
import vaelab.data.LabeledImages;
import vaelab.model.VaeFiles;
import vaelab.model.VariationalAutoencoder;
import vaelab.nn.Summary;
import vaelab.report.ConsoleProgress;
import vaelab.tensor.Gemm;
import vaelab.tensor.Parallel;
import vaelab.tensor.Rng;
import vaelab.train.EpochTrainer;
import vaelab.train.VaeTrainer;

/** The VAE half of {@code vaelab train}: a new run, or one resumed from its checkpoint. */
final class VaeTraining {
    private final PrintWriter out;
    private final DataOptions data;
    private final String architecture;
    private final Path file;
    private final Path checkpoint; // every epoch's full state, for --resume
    private final boolean resume;
    private final VaeTrainer.Options options;
    private final VariationalAutoencoder.Likelihood likelihood;
    private final int latent;
    private final boolean latentGiven;

    VaeTraining(PrintWriter out, DataOptions data, String architecture, Path file, boolean resume, VaeTrainer.Options options,
                String likelihood, Integer latent) {
        this.out = out;
        this.data = data;
        this.architecture = architecture;
        this.file = file;
        this.checkpoint = Path.of(file + ".checkpoint");
        this.resume = resume;
        this.options = options;
        try {
            this.likelihood = VariationalAutoencoder.Likelihood.valueOf(likelihood.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new UserException("--likelihood must be bernoulli or gaussian, not '" + likelihood + "'");
        }
        this.latent = latent != null ? latent : architecture.equals("vae-mlp") ? 20 : 32;
        this.latentGiven = latent != null;
        if (this.latent < 1) {
            throw new UserException("--latent must be at least 1");
        }
    }

    int run() throws IOException {
        LabeledImages train = data.load(FashionMnist.Split.TRAIN);
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        VaeTrainer trainer;
        if (resume) {
            if (!Files.exists(checkpoint)) {
                throw new UserException("--resume: no checkpoint at " + checkpoint + " (it is written beside --out after every epoch)");
            }
            trainer = UserException.orUserError(() -> VaeTrainer.resume(checkpoint, options, train, test));
            if (!VaeFiles.architecture(trainer.model()).equals(architecture)) {
                throw new UserException("--resume: " + checkpoint + " holds a " + VaeFiles.architecture(trainer.model())
                        + ", not a " + architecture);
            }
            if (latentGiven && latent != trainer.model().latent()) {
                throw new UserException("--resume keeps the architecture of " + checkpoint + ", not --latent " + latent + " (the file has "
                        + trainer.model().latent() + "): leave it out, or train a new model with --out");
            }
            out.printf("resuming %s from %s after epoch %d of %d%n", architecture, checkpoint, trainer.epochsDone(), options.epochs());
        } else {
            int[] dims = {train.channels(), train.height(), train.width()};
            trainer = new VaeTrainer(VaeFiles.create(architecture, dims, latent, likelihood, new Rng(options.seed())), options, train, test);
            out.printf("training %s on %,d %s images (%d epochs, batch %d, Adam lr %s, seed %d, beta %s, KL warm-up %s epochs,"
                            + " free bits %s, %s, %d threads); testing on %,d%n", architecture, train.count(), data.dataset,
                    options.epochs(), options.batchSize(), options.learningRate(), options.seed(), options.beta(),
                    options.klWarmupEpochs(), options.freeBits(), Gemm.kernelName(), Parallel.threads(), test.count());
            out.print(Summary.tree(trainer.model()));
        }
        out.flush();
        try {
            trainer.run(trainer.checkpointTo(checkpoint), ConsoleProgress.forStdout(out));
        } catch (EpochTrainer.DivergedException e) {
            throw new UserException(e.getMessage() + " (checkpoint: " + checkpoint + ")", e);
        }
        trainer.toModelFile().write(file);
        Map<String, Double> last = trainer.history().row(trainer.history().size() - 1);
        Path curves = Path.of(file + ".curves.png");
        vaelab.report.ImageGrid.writePng(VaeViewCommands.curves(trainer.history()), curves);
        out.printf("wrote training curves to %s%n", curves);
        out.printf("saved %s (test -ELBO %.2f nats per image = recon %.2f + KL %.2f, %d active units, after %s); the checkpoint"
                        + " to continue from with --resume is %s%n", file, last.get("test_neg_elbo"), last.get("test_recon"),
                last.get("test_kl"), Math.round(last.get("active_units")), ConsoleProgress.duration(last.get("seconds")), checkpoint);
        return 0;
    }
}
