package vaelab.autograd;

import vaelab.tensor.Rng;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * A likelihood for pictures in which each pixel's colour is a mixture of K Gaussians with a fixed
 * standard deviation σ, independently of the other pixels given the decoder's output:
 * <pre>
 * p(x_pixel) = Σ_k π_k · Π_c N(x_c; μ_kc, σ²),   π = softmax(a),   μ_kc = sigmoid(m_kc)
 * </pre>
 * A decoder with one Gaussian per pixel can only say "this pixel is about this colour". Where a
 * picture scatters small things at random (flowers dotted over a meadow, rain, stars) the best it can
 * do is their average, a faint tint, and the mean picture loses them. With a mixture it can say "this
 * pixel is meadow green, or with probability 0.05 a red or yellow flower", and a draw from it puts
 * dots where the scene has them — the texture is a property of the distribution, not of the code.
 *
 * <p>Layout of the decoder's output, (n, K·(1 + C), H, W): channels 0 … K−1 are the mixture logits
 * a_k; then component k's C mean logits m_kc are channels K + k·C + c.
 */
public final class PixelMixture {
    private PixelMixture() {
    }

    /** Channels a decoder must produce for {@code components} components over pictures with {@code channels} channels. */
    public static int parameterChannels(int components, int channels) {
        return components * (1 + channels);
    }

    /**
     * −log p(x) per pixel, shape (n, H, W) before the reduction, for parameters (n, K·(1 + C), H, W)
     * and pictures (n, C, H, W). With r_k = π_k·N_k / Σ_j π_j·N_j (the component's responsibility):
     * dℓ/da_k = π_k − r_k;  dℓ/dm_kc = r_k·(μ_kc − x_c)/σ² · μ_kc(1 − μ_kc);  dℓ/dx_c = Σ_k r_k·(x_c − μ_kc)/σ².
     */
    public static Tensor nll(Tensor params, Tensor images, int components, float sigma, Reduction reduction) {
        int n = images.dim(0);
        int c = images.dim(1);
        int h = images.dim(2);
        int w = images.dim(3);
        int k = components;
        if (images.rank() != 4 || !params.shape().equals(Shape.of(n, parameterChannels(k, c), h, w)) || k < 1 || !(sigma > 0)) {
            throw new IllegalArgumentException("pixel mixture of " + k + " components (σ " + sigma + "): parameters " + params.shape()
                    + " do not fit pictures " + images.shape());
        }
        float[] p = params.data();
        float[] x = images.data();
        int plane = h * w;
        int pixels = n * plane;
        float[] prior = new float[pixels * k]; // π_k
        float[] resp = new float[pixels * k]; // r_k
        float[] mean = new float[pixels * k * c]; // μ_kc
        float[] loss = new float[pixels];
        double inv2var = 1.0 / (2.0 * sigma * sigma);
        double logNorm = c * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI));
        double[] a = new double[k];
        double[] joint = new double[k];
        for (int i = 0; i < n; i++) {
            int pBase = i * parameterChannels(k, c) * plane;
            int xBase = i * c * plane;
            for (int q = 0; q < plane; q++) {
                int px = i * plane + q;
                double aMax = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    a[j] = p[pBase + j * plane + q];
                    aMax = Math.max(aMax, a[j]);
                }
                double aSum = 0;
                for (int j = 0; j < k; j++) {
                    aSum += Math.exp(a[j] - aMax);
                }
                double logZ = aMax + Math.log(aSum);
                double jMax = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double sq = 0;
                    for (int ch = 0; ch < c; ch++) {
                        float mu = Activations.sigmoid(p[pBase + (k + j * c + ch) * plane + q]);
                        mean[(px * k + j) * c + ch] = mu;
                        double d = x[xBase + ch * plane + q] - mu;
                        sq += d * d;
                    }
                    prior[px * k + j] = (float) Math.exp(a[j] - logZ);
                    joint[j] = a[j] - logZ - sq * inv2var; // log π_k + log N_k + the constant below
                    jMax = Math.max(jMax, joint[j]);
                }
                double jSum = 0;
                for (int j = 0; j < k; j++) {
                    jSum += Math.exp(joint[j] - jMax);
                }
                for (int j = 0; j < k; j++) {
                    resp[px * k + j] = (float) (Math.exp(joint[j] - jMax) / jSum);
                }
                loss[px] = (float) (logNorm - jMax - Math.log(jSum));
            }
        }
        Shape out = Shape.of(n, h, w);
        float invVar = 1f / (sigma * sigma);
        return Tensor.fromOp("pixelMixtureNll", reduction.reduce(loss, out), reduction.outShape(out), g -> {
            float[] up = reduction.upstream(g, out);
            float[] gp = params.requiresGrad() ? params.gradBuffer() : null;
            float[] gx = images.requiresGrad() ? images.gradBuffer() : null;
            for (int i = 0; i < n; i++) {
                int pBase = i * parameterChannels(k, c) * plane;
                int xBase = i * c * plane;
                for (int q = 0; q < plane; q++) {
                    int px = i * plane + q;
                    float gu = up[px];
                    for (int j = 0; j < k; j++) {
                        float r = resp[px * k + j];
                        if (gp != null) {
                            gp[pBase + j * plane + q] += gu * (prior[px * k + j] - r);
                            for (int ch = 0; ch < c; ch++) {
                                float mu = mean[(px * k + j) * c + ch];
                                gp[pBase + (k + j * c + ch) * plane + q] += gu * r * (mu - x[xBase + ch * plane + q]) * invVar * mu * (1 - mu);
                            }
                        }
                        if (gx != null) {
                            for (int ch = 0; ch < c; ch++) {
                                gx[xBase + ch * plane + q] += gu * r * (x[xBase + ch * plane + q] - mean[(px * k + j) * c + ch]) * invVar;
                            }
                        }
                    }
                }
            }
        }, params, images);
    }

    /** The mixture's mean colour Σ_k π_k·μ_k per pixel: (n, C, H, W) values in [0, 1]. */
    public static float[] mean(float[] params, int n, int components, int channels, int h, int w) {
        return pixels(params, n, components, channels, h, w, null);
    }

    /**
     * One picture from the mixture per item: each pixel picks a component k with probability π_k and
     * takes its colour μ_k. The σ noise around μ_k is left out: it is the likelihood's allowance for
     * error, not part of the picture, and would only add grain.
     */
    public static float[] draw(float[] params, int n, int components, int channels, int h, int w, Rng rng) {
        return pixels(params, n, components, channels, h, w, java.util.Objects.requireNonNull(rng, "a draw needs a random generator"));
    }

    private static float[] pixels(float[] p, int n, int k, int c, int h, int w, Rng rng) {
        int plane = h * w;
        float[] out = new float[n * c * plane];
        double[] pi = new double[k];
        for (int i = 0; i < n; i++) {
            int pBase = i * parameterChannels(k, c) * plane;
            for (int q = 0; q < plane; q++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, p[pBase + j * plane + q]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    pi[j] = Math.exp(p[pBase + j * plane + q] - max);
                    sum += pi[j];
                }
                int pick = -1;
                if (rng != null) {
                    double u = rng.nextDouble() * sum;
                    pick = k - 1;
                    for (int j = 0; j < k - 1; j++) {
                        u -= pi[j];
                        if (u < 0) {
                            pick = j;
                            break;
                        }
                    }
                }
                for (int ch = 0; ch < c; ch++) {
                    double v = 0;
                    for (int j = 0; j < k; j++) {
                        if (pick < 0 || pick == j) {
                            double weight = pick < 0 ? pi[j] / sum : 1;
                            v += weight * Activations.sigmoid(p[pBase + (k + j * c + ch) * plane + q]);
                        }
                    }
                    out[(i * c + ch) * plane + q] = (float) v;
                }
            }
        }
        return out;
    }
}
