package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
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

/**
 * {@code vaelab train --model vae-mlp|vae-conv}: the image VAE's own options, declared and checked
 * here once, and the run (a new one, or one resumed from its checkpoint).
 */
final class VaeTraining {
    @Option(names = "--beta", paramLabel = "B", defaultValue = "1",
            description = "vae-mlp, vae-conv: the KL term's weight, as in a beta-VAE: 1 is the ELBO; more presses the code"
                    + " towards the prior, and enough of it collapses dimensions (default: ${DEFAULT-VALUE}).")
    float beta;

    @Option(names = "--free-bits", paramLabel = "NATS", defaultValue = "0",
            description = "vae-mlp, vae-conv: KL per latent dimension that costs nothing, against posterior collapse"
                    + " (default: ${DEFAULT-VALUE}).")
    float freeBits;

    @Option(names = "--likelihood", paramLabel = "bernoulli|gaussian", defaultValue = "bernoulli",
            description = "The image VAEs (vae-mlp, vae-conv): the decoder's pixel distribution (default: ${DEFAULT-VALUE}).")
    String likelihood;

    int run(PrintWriter out, DataOptions data, String architecture, Path file, boolean resume, TrainingBasics basics) throws IOException {
        VariationalAutoencoder.Likelihood likelihood;
        try {
            likelihood = VariationalAutoencoder.Likelihood.valueOf(this.likelihood.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("--likelihood must be bernoulli or gaussian, not '" + this.likelihood + "'");
        }
        VaeTrainer.Options options;
        try {
            options = new VaeTrainer.Options(basics.epochs(), basics.batchSize(), basics.learningRate(), basics.seed(), basics.klWarmup(),
                    freeBits, beta);
        } catch (IllegalArgumentException e) {
            throw new UserException("--free-bits and --beta must be >= 0 (and finite)");
        }
        int latent = basics.latentOr(architecture.equals("vae-mlp") ? 20 : 32);
        Path checkpoint = EpochTrainer.checkpointOf(file); // every epoch's full state, for --resume
        LabeledImages train = data.load(FashionMnist.Split.TRAIN);
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        VaeTrainer trainer;
        if (resume) {
            trainer = UserException.orUserError(() -> VaeTrainer.resume(checkpoint, options, train, test));
            if (!VaeFiles.architecture(trainer.model()).equals(architecture)) {
                throw new UserException("--resume: " + checkpoint + " holds a " + VaeFiles.architecture(trainer.model())
                        + ", not a " + architecture);
            }
            if (basics.latent() != null && latent != trainer.model().latent()) {
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
