package vaelab.testing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.model.CodePrior;
import vaelab.model.CrossModalModel;
import vaelab.model.DiscreteModel;
import vaelab.model.MlpVae;
import vaelab.model.SceneJudge;
import vaelab.model.VaeLoss;
import vaelab.optim.Adam;
import vaelab.tensor.Parallel;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.train.CodePriorTrainer;
import vaelab.train.CrossModalTrainer;
import vaelab.train.DiscreteModelTraining;
import vaelab.train.DiscreteVaeTrainer;
import vaelab.train.TrainingListener;

/**
 * A short training and inference of each kind of model, run in a JVM of its own by
 * {@code ReproducibilityTest}: prints one SHA-256 per model of every parameter's bits and of the
 * pictures and captions it then makes. Equal lines from JVMs with other JIT settings and thread
 * counts mean the results do not depend on when or whether the JIT compiled a loop.
 *
 * <pre>java … vaelab.testing.ReproducibleRun THREADS DIR</pre>
 */
public final class ReproducibleRun {
    private ReproducibleRun() {
    }

    public static void main(String[] args) throws Exception {
        Parallel.setThreads(Integer.parseInt(args[0]));
        java.nio.file.Path dir = java.nio.file.Path.of(args[1]);
        System.out.println("mlp " + mlpVae());
        System.out.println("crossmodal " + crossModal(dir));
        System.out.println("discrete " + discrete(dir));
    }

    /**
     * 200 steps of a 784-64-8 MLP VAE (the Fashion-MNIST one, narrower, so that the run without C2 —
     * where every Vector API operation is an object — stays short) on noise pictures, with the
     * Bernoulli likelihood: the exp/log1p kernel.
     */
    static String mlpVae() throws Exception {
        Rng rng = new Rng(1);
        MlpVae vae = new MlpVae(new int[] {1, 28, 28}, 64, 8, vaelab.model.VariationalAutoencoder.Likelihood.BERNOULLI, rng);
        Adam adam = new Adam(vae.parameters(), 1e-3f);
        Tensor images = Tensor.uniform(new Rng(2), 0f, 1f, 64, 1, 28, 28);
        for (int step = 0; step < 200; step++) {
            int from = (step % 2) * 32;
            Tensor batch = Tensor.of(java.util.Arrays.copyOfRange(images.data(), from * 784, (from + 32) * 784), 32, 1, 28, 28);
            adam.zeroGrad();
            var elbo = vae.elbo(batch, rng, VaeLoss.ELBO);
            elbo.loss().backward();
            adam.step();
        }
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        add(d, vae.state());
        return hex(d);
    }

    /** Two epochs of a tiny cross-modal model and its judge on 48 scenes, then pictures and captions from it. */
    static String crossModal(java.nio.file.Path dir) throws Exception {
        CaptionedImages train = TinySceneModel.scenes(ScenesDataset.Split.TRAIN, 48);
        CaptionedImages test = TinySceneModel.scenes(ScenesDataset.Split.TEST, 8);
        CrossModalModel m = new CrossModalTrainer(TinySceneModel.untrained(train, 8, 3),
                new CrossModalTrainer.Options(2, 1, 16, 3e-3f, 5, 1f)).run(train, test, dir.resolve("crossmodal.vae"), TrainingListener.SILENT);
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        add(d, m.vae().state());
        add(d, m.judge().state());
        float[] pictures = m.picturesFromText(List.of("a sunny meadow with flowers", "雪山和清澈的湖泊"), 2, 0.7f, 3, new Rng(4));
        add(d, pictures);
        d.update(String.join("|", m.captionsOf(Tensor.of(pictures, 4, 3, 32, 32), new Rng(5))).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return hex(d);
    }

    /** Both stages of a tiny discrete model on 40 scenes, then pictures and captions from it. */
    static String discrete(java.nio.file.Path dir) throws Exception {
        DiscreteModelTraining.Options o = new DiscreteModelTraining.Options(new vaelab.model.DiscreteVae.Config(3, 16, 4, 8, 0.9f),
                new DiscreteVaeTrainer.Options(2, 16, 3e-3f, 3, 0.25f), 8, 1, 2, 0.1f,
                new CodePriorTrainer.Options(2, 16, 3e-3f, 4, 0.5f, 0.25f, 2), 40, 8, 32);
        DiscreteModel m = new DiscreteModelTraining(o, dir.resolve("discrete.vae"), new SceneJudge(0f, new Rng(9)), false)
                .run(TrainingListener.SILENT);
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        add(d, m.vae().state());
        add(d, m.prior().state());
        float[] pictures = m.pictures("a sunny meadow with flowers", 3, new CodePrior.Sampling(1f, 0), 2, new Rng(6));
        add(d, pictures);
        d.update(String.join("|", m.captionsOf(Tensor.of(pictures, 3, 3, 32, 32), new Rng(7))).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return hex(d);
    }

    private static void add(MessageDigest d, Map<String, Tensor> state) {
        state.forEach((k, v) -> {
            d.update(k.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            add(d, v.data());
        });
    }

    private static void add(MessageDigest d, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (float v : values) {
            b.putInt(Float.floatToRawIntBits(v));
        }
        d.update(b.array());
    }

    private static String hex(MessageDigest d) {
        StringBuilder sb = new StringBuilder();
        for (byte x : d.digest()) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
