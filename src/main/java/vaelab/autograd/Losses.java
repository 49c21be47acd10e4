package vaelab.autograd;

import vaelab.tensor.Broadcast;
import vaelab.tensor.Elementwise;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * Losses on logits and predictions. Each computes its elementwise value in a form that stays finite
 * for any finite input, then reduces it as {@link Reduction} says.
 */
public final class Losses {
    private Losses() {
    }

    /**
     * Binary cross-entropy of targets t ∈ [0,1] under Bernoulli logits x:
     * ℓ = max(x,0) − x·t + ln(1+e^−|x|), which equals −t·ln σ(x) − (1−t)·ln(1−σ(x)) without ever
     * taking the log of 0. dℓ/dx = σ(x) − t; dℓ/dt = −x.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        requireSameShape("bceWithLogits", logits, targets);
        float[] x = logits.data();
        float[] t = targets.data();
        float[] loss = new float[x.length];
        Elementwise.bceWithLogits(x, t, loss);
        Shape in = logits.shape();
        return Tensor.fromOp("bceWithLogits", reduction.reduce(loss, in), reduction.outShape(in), g -> {
            if (logits.requiresGrad()) {
                // A reduced loss sends one value to every element: no array of it is made.
                float[] perElement = reduction == Reduction.NONE ? g : null;
                float scalar = reduction == Reduction.NONE ? 0f : g[0] * reduction.scale(in);
                Elementwise.bceWithLogitsGrad(x, t, perElement, scalar, logits.gradBuffer());
            }
            if (targets.requiresGrad()) {
                float[] up = reduction.upstream(g, in);
                float[] gt = targets.gradBuffer();
                for (int i = 0; i < x.length; i++) {
                    gt[i] -= up[i] * x[i];
                }
            }
        }, logits, targets);
    }

    /**
     * Cross-entropy of class indices under logits of shape (n, classes): ℓ = logsumexp(x) − x[target],
     * one value per row. dℓ/dx = softmax(x) − onehot(target).
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, Reduction reduction) {
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("crossEntropy needs logits of shape (n, classes), got " + logits.shape());
        }
        int n = logits.dim(0);
        int c = logits.dim(1);
        if (targets.length != n) {
            throw new IllegalArgumentException("crossEntropy: " + targets.length + " targets for logits of shape " + logits.shape());
        }
        float[] x = logits.data();
        float[] prob = new float[x.length]; // softmax, kept for the backward
        float[] loss = new float[n];
        for (int r = 0; r < n; r++) {
            int target = targets[r];
            if (target < 0 || target >= c) {
                throw new IndexOutOfBoundsException("crossEntropy: target " + target + " in row " + r + " is not a class in [0, " + c + ")");
            }
            float max = Softmax.maxAlong(x, r * c, c, 1);
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(x[r * c + j] - max);
            }
            float logSum = max + (float) Math.log(sum);
            for (int j = 0; j < c; j++) {
                prob[r * c + j] = (float) Math.exp(x[r * c + j] - logSum);
            }
            loss[r] = logSum - x[r * c + target];
        }
        Shape rows = Shape.of(n);
        int[] tgt = targets.clone();
        return Tensor.fromOp("crossEntropy", reduction.reduce(loss, rows), reduction.outShape(rows), g -> {
            float[] up = reduction.upstream(g, rows);
            float[] gx = logits.gradBuffer();
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < c; j++) {
                    gx[r * c + j] += up[r] * (prob[r * c + j] - (j == tgt[r] ? 1f : 0f));
                }
            }
        }, logits);
    }

    /** Squared error ℓ = (p − t)²; dℓ/dp = 2(p − t), dℓ/dt = −2(p − t). */
    public static Tensor mse(Tensor prediction, Tensor target, Reduction reduction) {
        requireSameShape("mse", prediction, target);
        float[] p = prediction.data();
        float[] t = target.data();
        float[] loss = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            float d = p[i] - t[i];
            loss[i] = d * d;
        }
        Shape in = prediction.shape();
        return Tensor.fromOp("mse", reduction.reduce(loss, in), reduction.outShape(in), g -> {
            float[] up = reduction.upstream(g, in);
            if (prediction.requiresGrad()) {
                float[] gp = prediction.gradBuffer();
                for (int i = 0; i < p.length; i++) {
                    gp[i] += up[i] * 2f * (p[i] - t[i]);
                }
            }
            if (target.requiresGrad()) {
                float[] gt = target.gradBuffer();
                for (int i = 0; i < p.length; i++) {
                    gt[i] -= up[i] * 2f * (p[i] - t[i]);
                }
            }
        }, prediction, target);
    }

    /**
     * Negative log-likelihood of x under N(mean, e^logvar), elementwise with broadcasting:
     * ℓ = ½(ln 2π + logvar + (x − mean)²·e^−logvar).
     * dℓ/dx = (x − mean)·e^−logvar = −dℓ/dmean; dℓ/dlogvar = ½(1 − (x − mean)²·e^−logvar).
     * e^−logvar is taken with logvar clamped at −{@value KlDivergence#LOGVAR_LIMIT} (see there).
     */
    public static Tensor gaussianNll(Tensor x, Tensor mean, Tensor logvar, Reduction reduction) {
        Shape out = Shape.broadcast(Shape.broadcast(x.shape(), mean.shape()), logvar.shape());
        float[] xv = Broadcast.expand(x.data(), x.shape(), out);
        float[] mv = Broadcast.expand(mean.data(), mean.shape(), out);
        float[] lv = Broadcast.expand(logvar.data(), logvar.shape(), out);
        int n = out.size();
        float[] precision = new float[n];
        float[] loss = new float[n];
        float log2pi = (float) Math.log(2 * Math.PI);
        for (int i = 0; i < n; i++) {
            precision[i] = (float) Math.exp(-Math.max(lv[i], -KlDivergence.LOGVAR_LIMIT));
            float d = xv[i] - mv[i];
            loss[i] = 0.5f * (log2pi + lv[i] + d * d * precision[i]);
        }
        return Tensor.fromOp("gaussianNll", reduction.reduce(loss, out), reduction.outShape(out), g -> {
            float[] up = reduction.upstream(g, out);
            if (x.requiresGrad()) {
                float[] gx = GradSink.open(x, out);
                for (int i = 0; i < n; i++) {
                    gx[i] += up[i] * (xv[i] - mv[i]) * precision[i];
                }
                GradSink.flush(gx, x, out);
            }
            if (mean.requiresGrad()) {
                float[] gm = GradSink.open(mean, out);
                for (int i = 0; i < n; i++) {
                    gm[i] -= up[i] * (xv[i] - mv[i]) * precision[i];
                }
                GradSink.flush(gm, mean, out);
            }
            if (logvar.requiresGrad()) {
                float[] gl = GradSink.open(logvar, out);
                for (int i = 0; i < n; i++) {
                    float d = xv[i] - mv[i];
                    gl[i] += up[i] * 0.5f * (1f - d * d * precision[i]);
                }
                GradSink.flush(gl, logvar, out);
            }
        }, x, mean, logvar);
    }

    static void requireSameShape(String op, Tensor a, Tensor b) {
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException(op + ": shapes " + a.shape() + " and " + b.shape() + " differ");
        }
    }
}
