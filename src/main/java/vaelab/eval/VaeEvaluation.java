package vaelab.eval;

import vaelab.autograd.KlDivergence;
import vaelab.autograd.Reduction;
import vaelab.data.LabeledImages;
import vaelab.model.VariationalAutoencoder;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * How well a VAE models held-out images, in nats per image:
 * <ul>
 *   <li>the negative ELBO with its reconstruction and KL parts (one posterior sample per image);</li>
 *   <li>an importance-weighted estimate of −log p(x) (Burda et al., 2016):
 *       log p(x) ≈ log (1/k) Σₛ p(x | zₛ) p(zₛ) / q(zₛ | x), zₛ ~ q(z | x), which tightens towards the
 *       true log-likelihood as k grows (k = 1 gives the ELBO);</li>
 *   <li>the KL of each latent dimension, and the number of active units: dimensions whose posterior
 *       mean varies across images, Var_x(E_q[z_u]) &gt; 0.01 (Burda et al.).</li>
 * </ul>
 */
public final class VaeEvaluation {
    static final int BATCH = 250;
    /** A latent dimension is active when its posterior means vary across images by more than this (Burda et al., 2016). */
    public static final double ACTIVE_THRESHOLD = 0.01;
    static final double LOG_2PI = Math.log(2 * Math.PI);

    public record Result(int images, double negElbo, double reconstruction, double kl, double iwaeNll, int iwaeSamples,
                         int activeUnits, double[] klPerDimension, double[] meanVariance) {
        /** Whether dimension j has collapsed: its posterior is the prior for nearly every image. */
        public boolean collapsed(int j) {
            return klPerDimension[j] < COLLAPSED_KL;
        }

        public int collapsedDimensions() {
            int n = 0;
            for (int j = 0; j < klPerDimension.length; j++) {
                n += collapsed(j) ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * A dimension whose KL to the prior, averaged over images, is below this many nats carries almost
     * nothing about an image (its posterior is the prior): collapsed. The active-unit count asks
     * something else, whether the posterior means vary at all, and under a large β a dimension can
     * pass it while carrying a few hundredths of a nat.
     */
    public static final double COLLAPSED_KL = 0.1;

    private VaeEvaluation() {
    }

    /** All the measures; {@code iwaeSamples} = 0 skips the importance-weighted estimate. */
    public static Result evaluate(VariationalAutoencoder vae, LabeledImages data, int iwaeSamples, long seed) {
        return evaluate(vae, data, iwaeSamples, seed, done -> { });
    }

    /** As above, telling {@code progress} how many images are done after each batch (IWAE can take minutes). */
    public static Result evaluate(VariationalAutoencoder vae, LabeledImages data, int iwaeSamples, long seed,
                                  java.util.function.IntConsumer progress) {
        boolean wasTraining = vae.isTraining();
        vae.eval();
        int latent = vae.latent();
        double recon = 0;
        double kl = 0;
        double iwae = 0;
        double[] klPerDim = new double[latent];
        double[] muSum = new double[latent];
        double[] muSq = new double[latent];
        Rng rng = new Rng(seed);
        try (GradMode.Scope off = GradMode.disable()) {
            for (int from = 0; from < data.count(); from += BATCH) {
                int[] idx = range(from, Math.min(data.count(), from + BATCH));
                Tensor x = data.images(idx);
                VariationalAutoencoder.Posterior q = vae.encode(x);
                Tensor klElems = KlDivergence.standardNormal(q.mu(), q.logvar(), Reduction.NONE);
                float[] klv = klElems.data();
                float[] mu = q.mu().data();
                for (int i = 0; i < idx.length; i++) {
                    for (int j = 0; j < latent; j++) {
                        klPerDim[j] += klv[i * latent + j];
                        kl += klv[i * latent + j];
                        double m = mu[i * latent + j];
                        muSum[j] += m;
                        muSq[j] += m * m;
                    }
                }
                Tensor z = VariationalAutoencoder.reparameterize(q.mu(), q.logvar(), rng);
                float[] nll = perImageNll(vae, x, z);
                for (float v : nll) {
                    recon += v;
                }
                if (iwaeSamples > 0) {
                    for (double v : logLikelihoods(vae, x, q, iwaeSamples, rng)) {
                        iwae -= v;
                    }
                }
                progress.accept(from + idx.length);
            }
        } finally {
            vae.setTraining(wasTraining);
        }
        int n = Math.max(1, data.count());
        int active = 0;
        double[] variance = new double[latent];
        for (int j = 0; j < latent; j++) {
            klPerDim[j] /= n;
            double mean = muSum[j] / n;
            variance[j] = muSq[j] / n - mean * mean;
            active += variance[j] > ACTIVE_THRESHOLD ? 1 : 0;
        }
        return new Result(data.count(), (recon + kl) / n, recon / n, kl / n, iwaeSamples > 0 ? iwae / n : Double.NaN,
                iwaeSamples, active, klPerDim, variance);
    }

    /** −log p(x | z) per image. */
    static float[] perImageNll(VariationalAutoencoder vae, Tensor x, Tensor z) {
        float[] pixels = vae.pixelNll(vae.decode(z), x).data();
        int n = x.dim(0);
        int per = pixels.length / n;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int p = 0; p < per; p++) {
                s += pixels[i * per + p];
            }
            out[i] = (float) s;
        }
        return out;
    }

    /** log p(x) per image by importance sampling with k samples, combined by a stable log-sum-exp. */
    static double[] logLikelihoods(VariationalAutoencoder vae, Tensor x, VariationalAutoencoder.Posterior q, int k, Rng rng) {
        int n = x.dim(0);
        int latent = q.mu().dim(1);
        double[][] logW = new double[n][k];
        float[] mu = q.mu().data();
        float[] lv = q.logvar().data();
        for (int s = 0; s < k; s++) {
            Tensor eps = Tensor.randn(rng, n, latent);
            float[] e = eps.data();
            float[] z = new float[n * latent];
            for (int i = 0; i < z.length; i++) {
                z[i] = mu[i] + (float) Math.exp(0.5 * lv[i]) * e[i];
            }
            float[] nll = perImageNll(vae, x, Tensor.of(z, n, latent));
            for (int i = 0; i < n; i++) {
                double logPz = 0;
                double logQz = 0;
                for (int j = 0; j < latent; j++) {
                    int a = i * latent + j;
                    logPz += -0.5 * (z[a] * (double) z[a] + LOG_2PI);
                    logQz += -0.5 * ((double) e[a] * e[a] + lv[a] + LOG_2PI); // (z − mu)²/σ² = eps²
                }
                logW[i][s] = -nll[i] + logPz - logQz;
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = logMeanExp(logW[i]);
        }
        return out;
    }

    /** log((1/k) Σ e^vᵢ), computed around the maximum so no term overflows. */
    public static double logMeanExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s / v.length);
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
