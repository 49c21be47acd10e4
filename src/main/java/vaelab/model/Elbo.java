package vaelab.model;

import vaelab.tensor.Tensor;

/**
 * One evaluation of the negative ELBO on a batch, with every internal quantity kept for inspection:
 * loss = reconstruction + β·KL, each summed over an example's pixels or latent dimensions and
 * averaged over the batch (nats per example).
 *
 * @param loss           the scalar to minimise, −ELBO (with β and free bits applied)
 * @param reconstruction −log p(x | z), per example, averaged over the batch
 * @param kl             KL(q(z | x) ‖ p(z)), per example, averaged over the batch
 * @param mu             the encoder's means (batch, latent)
 * @param logvar         the encoder's log-variances (batch, latent)
 * @param z              the sampled latent codes (batch, latent)
 * @param logits         the decoder's output (Bernoulli logits), shaped like the input
 */
public record Elbo(Tensor loss, Tensor reconstruction, Tensor kl, Tensor mu, Tensor logvar, Tensor z, Tensor logits) {
}
