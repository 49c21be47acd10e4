package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vaelab.autograd.GradCheck;
import vaelab.autograd.Reductions;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

class VaeTest {
    static Tensor images(Rng rng, int n, int c, int h, int w) {
        return Tensor.uniform(rng, 0f, 1f, n, c, h, w);
    }

    /** The ELBO's gradient in every parameter, with eps fixed by a fresh generator per evaluation. */
    static void checkElbo(VariationalAutoencoder vae, Tensor x, VaeLoss loss) {
        List<Tensor> params = new ArrayList<>(vae.parameters());
        GradCheck.check(in -> vae.elbo(x, new Rng(7), loss).loss(), params.toArray(new Tensor[0])).orThrow();
    }

    @Test
    void mlpElboGradients() {
        Rng rng = new Rng(1);
        MlpVae vae = new MlpVae(new int[] {1, 3, 3}, 5, 2, VariationalAutoencoder.Likelihood.BERNOULLI, rng);
        checkElbo(vae, images(rng, 4, 1, 3, 3), VaeLoss.ELBO);
        checkElbo(vae, images(rng, 4, 1, 3, 3), new VaeLoss(0.3f, 0f));
    }

    @Test
    void gaussianLikelihoodGradientsIncludeThePixelVariance() {
        Rng rng = new Rng(2);
        MlpVae vae = new MlpVae(new int[] {1, 2, 3}, 4, 2, VariationalAutoencoder.Likelihood.GAUSSIAN, rng);
        assertThat(vae.namedParameters()).containsKey("pixel_logvar");
        checkElbo(vae, images(rng, 3, 1, 2, 3), VaeLoss.ELBO);
    }

    @Test
    void convElboGradients() {
        Rng rng = new Rng(3);
        ConvVae vae = new ConvVae(new int[] {1, 28, 28}, 2, VariationalAutoencoder.Likelihood.BERNOULLI, rng);
        // 300k parameters: GradCheck samples 256 positions of each tensor.
        checkElbo(vae, images(rng, 2, 1, 28, 28), VaeLoss.ELBO);
    }

    @Test
    void freeBitsFloorEachDimensionsKl() {
        Rng rng = new Rng(4);
        MlpVae vae = new MlpVae(new int[] {1, 3, 3}, 5, 3, VariationalAutoencoder.Likelihood.BERNOULLI, rng);
        Tensor x = images(rng, 4, 1, 3, 3);
        Elbo plain = vae.elbo(x, new Rng(9), VaeLoss.ELBO);
        Elbo floored = vae.elbo(x, new Rng(9), new VaeLoss(1f, 50f));
        // With a budget far above every dimension's KL, the KL term is latent × budget and the KL
        // is still reported as it is.
        assertThat(floored.kl().item()).isCloseTo(plain.kl().item(), within(1e-5f));
        assertThat(floored.loss().item()).isCloseTo(plain.reconstruction().item() + 3 * 50f, within(1e-3f));
        // A budget between the dimensions' KLs (not within a step of any: max is not differentiable there).
        Tensor perDim = Reductions.mean(vaelab.autograd.KlDivergence.standardNormal(plain.mu(), plain.logvar(),
                vaelab.autograd.Reduction.NONE), false, 0);
        float[] kl = perDim.data().clone();
        java.util.Arrays.sort(kl);
        float budget = (kl[0] + kl[1]) / 2;
        assertThat(kl[1] - kl[0]).isGreaterThan(0.02f);
        checkElbo(vae, x, new VaeLoss(1f, budget));
    }

    @Test
    void lossIsReconstructionPlusKlPerExample() {
        Rng rng = new Rng(5);
        MlpVae vae = new MlpVae(new int[] {1, 4, 4}, 8, 2, VariationalAutoencoder.Likelihood.BERNOULLI, rng);
        Tensor x = images(rng, 6, 1, 4, 4);
        Elbo e = vae.elbo(x, new Rng(1), VaeLoss.ELBO);
        assertThat(e.loss().item()).isCloseTo(e.reconstruction().item() + e.kl().item(), within(1e-4f));
        // Recon is the per-image sum of BCE, averaged over the batch.
        float sum = Reductions.sum(vae.pixelNll(e.logits(), x)).item();
        assertThat(e.reconstruction().item()).isCloseTo(sum / 6, within(1e-4f));
        assertThat(e.z().shape().dims()).containsExactly(6, 2);
        assertThat(e.logits().shape().dims()).containsExactly(6, 1, 4, 4);
    }

    @Test
    void theReparameterisationGradient() {
        // z = mu + exp(logvar/2)·eps: dz/dmu = 1, dz/dlogvar = ½·exp(logvar/2)·eps.
        Tensor mu = Tensor.of(new float[] {0.3f, -1f}, 1, 2).requiresGrad(true);
        Tensor logvar = Tensor.of(new float[] {0.4f, -0.6f}, 1, 2).requiresGrad(true);
        Tensor z = VariationalAutoencoder.reparameterize(mu, logvar, new Rng(11));
        float[] eps = Tensor.randn(new Rng(11), 1, 2).data();
        Reductions.sum(z).backward();
        assertThat(mu.grad()).containsExactly(1f, 1f);
        for (int j = 0; j < 2; j++) {
            float lv = logvar.data()[j];
            assertThat(z.data()[j]).isCloseTo(mu.data()[j] + (float) Math.exp(lv / 2) * eps[j], within(1e-6f));
            assertThat(logvar.grad()[j]).isCloseTo(0.5f * (float) Math.exp(lv / 2) * eps[j], within(1e-6f));
        }
    }

    @Test
    void convVaeShapesAndCropping() {
        ConvVae vae = ConvVae.fashionMnist(new Rng(6));
        Tensor x = images(new Rng(7), 3, 1, 28, 28);
        VariationalAutoencoder.Posterior q = vae.encode(x);
        assertThat(q.mu().shape().dims()).containsExactly(3, 32);
        assertThat(vae.decode(q.mu()).shape().dims()).containsExactly(3, 1, 28, 28);
    }
}
