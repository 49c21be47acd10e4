package vaelab.model;

import vaelab.tensor.Rng;

/**
 * Draws one token from a row of logits, as nanoGPT's generate does: divide by the temperature, keep
 * the k most likely, softmax, draw. Temperature 0 takes the most likely token (the lowest id on a tie).
 */
final class TokenSampler {
    private TokenSampler() {
    }

    /** A token in [0, n) of the row logits[off … off + n). */
    static int draw(float[] logits, int off, int n, CodePrior.Sampling s, Rng rng) {
        return drawAtLeast(logits, off, n, 0, s, rng);
    }

    /** A token in [first, n): the ones below {@code first} are never drawn. */
    static int drawAtLeast(float[] logits, int off, int n, int first, CodePrior.Sampling s, Rng rng) {
        int best = first;
        for (int j = first + 1; j < n; j++) {
            if (logits[off + j] > logits[off + best]) {
                best = j;
            }
        }
        if (s.temperature() == 0f) {
            return best;
        }
        float floor = Float.NEGATIVE_INFINITY; // the k-th largest logit: smaller ones are dropped
        if (s.topK() > 0 && s.topK() < n - first) {
            float[] sorted = java.util.Arrays.copyOfRange(logits, off + first, off + n);
            java.util.Arrays.sort(sorted);
            floor = sorted[sorted.length - s.topK()];
        }
        double[] p = new double[n];
        double sum = 0;
        for (int j = first; j < n; j++) {
            if (logits[off + j] >= floor) {
                p[j] = Math.exp((logits[off + j] - logits[off + best]) / s.temperature());
                sum += p[j];
            }
        }
        double u = rng.nextDouble() * sum;
        for (int j = first; j < n; j++) {
            u -= p[j];
            if (u < 0 && p[j] > 0) {
                return j;
            }
        }
        return best; // u ran past the end by rounding
    }

    /** log softmax(row)[token], untempered. */
    static double logProbability(float[] logits, int off, int n, int token) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, logits[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(logits[off + j] - max);
        }
        return logits[off + token] - max - Math.log(sum);
    }
}
