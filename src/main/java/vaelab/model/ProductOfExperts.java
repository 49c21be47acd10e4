package vaelab.model;

import static vaelab.autograd.Arithmetic.add;
import static vaelab.autograd.Arithmetic.div;
import static vaelab.autograd.Arithmetic.mul;

import vaelab.autograd.UnaryMath;
import vaelab.model.VariationalAutoencoder.Posterior;
import vaelab.tensor.Tensor;

/**
 * The product of the prior N(0, I) and Gaussian experts (Wu &amp; Goodman, 2018): a Gaussian whose
 * precision is the sum of the precisions and whose mean is the precision-weighted mean,
 * <pre>
 * q(z | S) ∝ p(z) · Π_{m ∈ S} q(z | m)   →   precision 1 + Σ 1/σ²_m,  mean Σ (μ_m/σ²_m) / precision
 * </pre>
 * With no experts it is the prior. Built of differentiable ops, so gradients flow into every expert.
 */
public final class ProductOfExperts {
    private ProductOfExperts() {
    }

    /** The product for a batch of {@code batch} codes of {@code latent} dimensions. */
    public static Posterior of(int batch, int latent, Posterior... experts) {
        Tensor precision = Tensor.ones(batch, latent);
        Tensor weightedMean = Tensor.zeros(batch, latent);
        for (Posterior e : experts) {
            Tensor p = UnaryMath.exp(mul(e.logvar(), -1f));
            precision = add(precision, p);
            weightedMean = add(weightedMean, mul(e.mu(), p));
        }
        return new Posterior(div(weightedMean, precision), mul(UnaryMath.log(precision), -1f));
    }
}
