package vaelab.model;

/**
 * How the ELBO is weighted in training.
 *
 * @param beta     the weight of the KL term (1 for the true ELBO); a KL warm-up raises it from 0 to 1
 * @param freeBits nats of KL per latent dimension that cost nothing (0 for the true ELBO): each
 *                 dimension's batch-averaged KL enters the loss as max(freeBits, KL_j), so the
 *                 encoder is not pushed to collapse dimensions below that budget
 */
public record VaeLoss(float beta, float freeBits) {
    public static final VaeLoss ELBO = new VaeLoss(1f, 0f);

    public VaeLoss {
        if (!(beta >= 0f) || !(freeBits >= 0f)) {
            throw new IllegalArgumentException("beta and free bits must be >= 0, got " + beta + " and " + freeBits);
        }
    }
}
