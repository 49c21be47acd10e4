package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import vaelab.model.CrossModalModel;
import vaelab.model.DiscreteModel;
import vaelab.model.DiscreteVae;
import vaelab.model.SceneJudge;
import vaelab.report.ConsoleProgress;
import vaelab.tensor.Gemm;
import vaelab.tensor.Parallel;
import vaelab.train.CodePriorTrainer;
import vaelab.train.DiscreteModelTraining;
import vaelab.train.DiscreteVaeTrainer;
import vaelab.train.EpochTrainer;

/**
 * {@code vaelab train --model discrete}: the options of the discrete-code model, declared and checked
 * here once, and the run (the discrete VAE, then the prior; the judge copied from a Gaussian model).
 */
final class DiscreteTraining {
    @Option(names = "--codes", paramLabel = "K", defaultValue = "512",
            description = "discrete: codebook entries of the discrete VAE (default: ${DEFAULT-VALUE}).")
    int codes;

    @Option(names = "--dvae-depth", paramLabel = "L", defaultValue = "1",
            description = "discrete: codes per cell of the 8×8 grid, each from its own codebook of --codes entries and each"
                    + " quantising what the ones before left (residual quantisation); the prior draws 64·L codes"
                    + " (default: ${DEFAULT-VALUE}).")
    int vaeDepth;

    @Option(names = "--dvae-hidden", paramLabel = "C", defaultValue = "128",
            description = "discrete: channels of the discrete VAE's 8×8 layers (half of it at 16×16 and inside the residual"
                    + " blocks); an even number (default: ${DEFAULT-VALUE}).")
    int vaeHidden;

    @Option(names = "--dvae-epochs", paramLabel = "N", defaultValue = "10",
            description = "discrete: epochs of the discrete VAE, each on fresh scenes, before the prior's --epochs (default: ${DEFAULT-VALUE}).")
    int vaeEpochs;

    @Option(names = "--dvae-lr", paramLabel = "R", defaultValue = "0.001",
            description = "discrete: Adam's learning rate for the discrete VAE (default: ${DEFAULT-VALUE}).")
    float vaeLr;

    @Option(names = "--commitment", paramLabel = "B", defaultValue = "0.25",
            description = "discrete: β, the weight of the commitment term (default: ${DEFAULT-VALUE}).")
    float commitment;

    @Option(names = "--prior-width", paramLabel = "C", defaultValue = "128",
            description = "discrete: width of the transformer prior (default: ${DEFAULT-VALUE}).")
    int priorWidth;

    @Option(names = "--prior-layers", paramLabel = "N", defaultValue = "4",
            description = "discrete: transformer blocks of the prior (default: ${DEFAULT-VALUE}).")
    int priorLayers;

    @Option(names = "--prior-heads", paramLabel = "H", defaultValue = "4",
            description = "discrete: attention heads per block; must divide --prior-width (default: ${DEFAULT-VALUE}).")
    int priorHeads;

    @Option(names = "--prior-dropout", paramLabel = "P", defaultValue = "0.1",
            description = "discrete: dropout in the prior's blocks (default: ${DEFAULT-VALUE}).")
    float priorDropout;

    @Option(names = "--caption-share", paramLabel = "S", defaultValue = "0.25",
            description = "discrete: share of training sequences with the codes first and the caption after, which teach"
                    + " the prior to write captions (default: ${DEFAULT-VALUE}).")
    float captionShare;

    @Option(names = "--prior-text-weight", paramLabel = "W", defaultValue = "0.25",
            description = "discrete: weight of the caption tokens' cross-entropy beside the codes' (default: ${DEFAULT-VALUE}).")
    float textWeight;

    @Option(names = "--warmup-steps", paramLabel = "N", defaultValue = "500",
            description = "discrete: steps over which the prior's learning rate rises from 0 (default: ${DEFAULT-VALUE}).")
    int warmupSteps;

    @Option(names = "--weight-bits", paramLabel = "16|32", defaultValue = "32",
            description = "discrete: store the finished model's discrete VAE and prior in 16 or 32 bits; 16 halves the file"
                    + " (the judge and the checkpoint stay in 32) (default: ${DEFAULT-VALUE}).")
    int weightBits;

    @Option(names = "--judge-from", paramLabel = "FILE", defaultValue = "data/models/scenes.vae",
            description = "discrete: the Gaussian model whose scene judge the new file carries, so that both kinds are read"
                    + " by the same judge (default: ${DEFAULT-VALUE}).")
    Path judgeFrom;

    /** The options as the trainers take them; every value is checked here, with the option's name. */
    DiscreteModelTraining.Options options(int epochs, int batchSize, float lr, long seed, Integer limit) {
        require(codes >= 2 && codes <= 65536, "--codes must be between 2 and 65536");
        require(vaeEpochs >= 1, "--dvae-epochs must be at least 1");
        require(vaeHidden >= 2 && vaeHidden <= 2048 && vaeHidden % 2 == 0, "--dvae-hidden must be an even number from 2 to 2048");
        require(vaeDepth >= 1 && vaeDepth <= 8, "--dvae-depth must be between 1 and 8");
        require(vaeLr > 0 && vaeLr < 1, "--dvae-lr must be in (0, 1)");
        require(commitment >= 0 && commitment < 100, "--commitment must be in [0, 100)");
        require(priorWidth >= 1 && priorWidth <= 4096, "--prior-width must be between 1 and 4096");
        require(priorLayers >= 1 && priorLayers <= 64, "--prior-layers must be between 1 and 64");
        require(priorHeads >= 1 && priorWidth % priorHeads == 0, "--prior-heads must divide --prior-width (" + priorWidth + ")");
        require(priorDropout >= 0 && priorDropout < 1, "--prior-dropout must be in [0, 1)");
        require(captionShare >= 0 && captionShare <= 1, "--caption-share must be in [0, 1]");
        require(textWeight >= 0 && textWeight < 1000, "--prior-text-weight must be in [0, 1000)");
        require(warmupSteps >= 0, "--warmup-steps must be 0 or more");
        require(lr > 0 && lr < 1, "--lr must be in (0, 1)");
        require(weightBits == 16 || weightBits == 32, "--weight-bits must be 16 or 32");
        int scenes = limit != null ? limit : 20_000;
        int testScenes = limit != null ? Math.max(1, Math.min(2_000, limit / 4)) : 2_000;
        return new DiscreteModelTraining.Options(new DiscreteVae.Config(3, codes, 64, vaeHidden, 0.99f, vaeDepth),
                new DiscreteVaeTrainer.Options(vaeEpochs, batchSize, vaeLr, seed, commitment), priorWidth, priorLayers, priorHeads,
                priorDropout, new CodePriorTrainer.Options(epochs, batchSize, lr, seed + 1, textWeight, captionShare, warmupSteps),
                scenes, testScenes, weightBits);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserException(message);
        }
    }

    int run(PrintWriter w, String dataset, Path out, boolean resume, DiscreteModelTraining.Options options) throws IOException {
        if (!dataset.equals("scenes")) {
            throw new UserException("--model discrete trains on --dataset scenes (its judge reads scenes), not " + dataset);
        }
        SceneJudge judge = UserException.orUserError(() -> CrossModalModel.read(judgeFrom)).judge();
        if (judge == null) {
            throw new UserException("--judge-from: " + judgeFrom + " has no scene judge");
        }
        DiscreteModelTraining training = UserException.orUserError(() -> new DiscreteModelTraining(options, out, judge, resume));
        w.printf("%sdiscrete VAE: %,d parameters (%d codes of %d, an 8×8 grid); prior: %,d parameters (%d blocks of %d, %d heads,"
                        + " %d positions); judge from %s%n", resume ? "resuming " + out + "; " : "", training.vae().parameterCount(),
                options.vae().codes(), options.vae().codeDim(), training.prior().parameterCount(), options.priorLayers(),
                options.priorWidth(), options.priorHeads(), training.prior().config().length(), judgeFrom);
        w.printf("training on %,d fresh scenes per epoch, testing on %,d (%d discrete-VAE + %d prior epochs, batch %d, %s, %d threads)%n",
                options.scenes(), options.testScenes(), options.vaeTraining().epochs(), options.priorTraining().epochs(),
                options.vaeTraining().batchSize(), Gemm.kernelName(), Parallel.threads());
        w.flush();
        try {
            DiscreteModel model = training.run(ConsoleProgress.forStdout(w));
            w.printf("saved %s (%s); checkpoint for --resume: %s%n", out, describe(model), EpochTrainer.checkpointOf(out));
            CalibrateCommand.store(out, w); // so that caption and sentiment --image can say at once what it knows
        } catch (EpochTrainer.DivergedException e) {
            throw new UserException(e.getMessage(), e);
        }
        return 0;
    }

    private static String describe(DiscreteModel m) {
        var h = m.history().get("prior");
        if (h == null || h.size() == 0) {
            return "no prior epoch";
        }
        Map<String, Double> last = h.row(h.size() - 1);
        return String.format("test: %.3f nats per code, %.3f per caption token", last.get("test_image_nll"), last.get("test_text_nll"));
    }
}
