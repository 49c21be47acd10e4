package vaelab.autograd;

import static vaelab.autograd.Activations.leakyRelu;
import static vaelab.autograd.Activations.relu;
import static vaelab.autograd.Activations.sigmoid;
import static vaelab.autograd.Activations.softplus;
import static vaelab.autograd.Activations.tanh;
import static vaelab.autograd.Arithmetic.div;
import static vaelab.autograd.Arithmetic.mul;
import static vaelab.autograd.Arithmetic.neg;
import static vaelab.autograd.Arithmetic.sub;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A gradient check for every differentiable op, on several shapes each: broadcasting, size-1
 * dimensions, a single element. The tests run all of them, and {@code vaelab gradcheck} prints them,
 * so a student can see each op's analytic gradient agree with finite differences.
 */
public final class GradCheckSuite {
    /** One check: the op's name, what is special about the shapes, the function and fresh inputs. */
    public record Case(String op, String variant, Function<Tensor[], Tensor> function, Function<Rng, Tensor[]> inputs) {
        public GradCheck.Result run() {
            return GradCheck.check(function, inputs.apply(new Rng((op + variant).hashCode())));
        }

        @Override
        public String toString() {
            return op + " " + variant;
        }
    }

    private final List<Case> cases = new ArrayList<>();

    private GradCheckSuite() {
    }

    public static List<Case> all() {
        GradCheckSuite s = new GradCheckSuite();
        s.arithmetic();
        s.unary();
        s.activations();
        s.matmul();
        s.reductions();
        s.shaping();
        s.softmax();
        s.losses();
        s.convolution();
        s.attention();
        s.normalization();
        return List.copyOf(s.cases);
    }

    private void arithmetic() {
        binary("add", Arithmetic::add);
        binary("sub", Arithmetic::sub);
        binary("mul", Arithmetic::mul);
        check("div", "same shape (3, 4)", in -> div(in[0], in[1]), r -> of(normal(r, 3, 4), awayFromZero(r, 3, 4)));
        check("div", "broadcast (2, 3) / (3,)", in -> div(in[0], in[1]), r -> of(normal(r, 2, 3), awayFromZero(r, 3)));
        check("div", "broadcast (2, 1) / (1, 3)", in -> div(in[0], in[1]), r -> of(normal(r, 2, 1), awayFromZero(r, 1, 3)));
        check("div", "single element", in -> div(in[0], in[1]), r -> of(normal(r, 1), awayFromZero(r, 1)));
        check("add", "scalar constant", in -> Arithmetic.add(in[0], 2.5f), r -> of(normal(r, 2, 3)));
        check("mul", "scalar constant", in -> mul(in[0], -1.5f), r -> of(normal(r, 2, 3)));
        check("neg", "(2, 3)", in -> neg(in[0]), r -> of(normal(r, 2, 3)));
    }

    private void binary(String name, java.util.function.BinaryOperator<Tensor> op) {
        check(name, "same shape (3, 4)", in -> op.apply(in[0], in[1]), r -> of(normal(r, 3, 4), normal(r, 3, 4)));
        check(name, "broadcast (2, 3, 4) with (4,)", in -> op.apply(in[0], in[1]), r -> of(normal(r, 2, 3, 4), normal(r, 4)));
        check(name, "broadcast (3, 1) with (1, 4)", in -> op.apply(in[0], in[1]), r -> of(normal(r, 3, 1), normal(r, 1, 4)));
        check(name, "broadcast scalar with (2, 3)", in -> op.apply(in[0], in[1]), r -> of(normal(r), normal(r, 2, 3)));
        check(name, "single element", in -> op.apply(in[0], in[1]), r -> of(normal(r, 1), normal(r, 1)));
    }

    private void unary() {
        check("exp", "(3, 4)", in -> UnaryMath.exp(in[0]), r -> of(normal(r, 3, 4)));
        check("exp", "single element", in -> UnaryMath.exp(in[0]), r -> of(normal(r, 1)));
        check("log", "(3, 4)", in -> UnaryMath.log(in[0]), r -> of(positive(r, 3, 4)));
        check("sqrt", "(3, 4)", in -> UnaryMath.sqrt(in[0]), r -> of(positive(r, 3, 4)));
        check("pow", "square (3, 4)", in -> UnaryMath.pow(in[0], 2f), r -> of(normal(r, 3, 4)));
        check("pow", "cube (5,)", in -> UnaryMath.pow(in[0], 3f), r -> of(normal(r, 5)));
        check("pow", "power 1.5 of positives (2, 2)", in -> UnaryMath.pow(in[0], 1.5f), r -> of(positive(r, 2, 2)));
        check("abs", "(3, 4) away from 0", in -> UnaryMath.abs(in[0]), r -> of(awayFromZero(r, 3, 4)));
        check("log", "single element", in -> UnaryMath.log(in[0]), r -> of(positive(r, 1)));
        check("sqrt", "size-1 axes (1, 3, 1)", in -> UnaryMath.sqrt(in[0]), r -> of(positive(r, 1, 3, 1)));
        check("pow", "single element", in -> UnaryMath.pow(in[0], 2f), r -> of(normal(r, 1)));
        check("abs", "single element", in -> UnaryMath.abs(in[0]), r -> of(awayFromZero(r, 1)));
        check("exp", "size-1 axes (2, 1, 3)", in -> UnaryMath.exp(in[0]), r -> of(normal(r, 2, 1, 3)));
    }

    private void activations() {
        check("relu", "(3, 4) away from 0", in -> relu(in[0]), r -> of(awayFromZero(r, 3, 4)));
        check("leakyRelu", "(3, 4) away from 0", in -> leakyRelu(in[0], 0.2f), r -> of(awayFromZero(r, 3, 4)));
        check("sigmoid", "(3, 4)", in -> sigmoid(in[0]), r -> of(normal(r, 3, 4)));
        check("sigmoid", "single element", in -> sigmoid(in[0]), r -> of(normal(r, 1)));
        check("tanh", "(3, 4)", in -> tanh(in[0]), r -> of(normal(r, 3, 4)));
        check("softplus", "(3, 4)", in -> softplus(in[0]), r -> of(normal(r, 3, 4)));
        check("relu", "single element", in -> relu(in[0]), r -> of(awayFromZero(r, 1)));
        check("leakyRelu", "size-1 axes (1, 4, 1)", in -> leakyRelu(in[0], 0.01f), r -> of(awayFromZero(r, 1, 4, 1)));
        check("tanh", "single element", in -> tanh(in[0]), r -> of(normal(r, 1)));
        check("softplus", "size-1 axes (1, 5)", in -> softplus(in[0]), r -> of(normal(r, 1, 5)));
        check("gelu", "(3, 4)", in -> Activations.gelu(in[0]), r -> of(normal(r, 3, 4)));
        check("gelu", "large values (2, 3)", in -> Activations.gelu(in[0]), r -> of(Arithmetic.mul(normal(r, 2, 3), 4f)));
        check("gelu", "single element", in -> Activations.gelu(in[0]), r -> of(normal(r, 1)));
    }

    private void matmul() {
        check("matmul", "(3, 4)·(4, 5)", in -> MatMul.matmul(in[0], in[1]), r -> of(normal(r, 3, 4), normal(r, 4, 5)));
        check("matmul", "batched (2, 3, 4)·(2, 4, 5)", in -> MatMul.matmul(in[0], in[1]), r -> of(normal(r, 2, 3, 4), normal(r, 2, 4, 5)));
        check("matmul", "shared (2, 3, 4)·(4, 2)", in -> MatMul.matmul(in[0], in[1]), r -> of(normal(r, 2, 3, 4), normal(r, 4, 2)));
        check("matmul", "(1, 1)·(1, 1)", in -> MatMul.matmul(in[0], in[1]), r -> of(normal(r, 1, 1), normal(r, 1, 1)));
        check("matmul", "(1, 7)·(7, 1)", in -> MatMul.matmul(in[0], in[1]), r -> of(normal(r, 1, 7), normal(r, 7, 1)));
        check("affine", "(3, 4)·(4, 5) + (5)", in -> MatMul.affine(in[0], in[1], in[2]), r -> of(normal(r, 3, 4), normal(r, 4, 5), normal(r, 5)));
        check("affine", "batched (2, 3, 4)·(4, 2) + (2)", in -> MatMul.affine(in[0], in[1], in[2]), r -> of(normal(r, 2, 3, 4), normal(r, 4, 2), normal(r, 2)));
        check("affine", "(1, 1)·(1, 1) + (1)", in -> MatMul.affine(in[0], in[1], in[2]), r -> of(normal(r, 1, 1), normal(r, 1, 1), normal(r, 1)));
    }

    private void reductions() {
        check("sum", "all of (3, 4)", in -> Reductions.sum(in[0]), r -> of(normal(r, 3, 4)));
        check("sum", "axis 1 of (2, 3, 4), kept", in -> Reductions.sum(in[0], true, 1), r -> of(normal(r, 2, 3, 4)));
        check("sum", "axes 0 and 2 of (2, 3, 4)", in -> Reductions.sum(in[0], false, 0, 2), r -> of(normal(r, 2, 3, 4)));
        check("sum", "axis 0 of (1, 5)", in -> Reductions.sum(in[0], false, 0), r -> of(normal(r, 1, 5)));
        check("mean", "all of (3, 4)", in -> Reductions.mean(in[0]), r -> of(normal(r, 3, 4)));
        check("mean", "axis -1 of (2, 3, 4)", in -> Reductions.mean(in[0], false, -1), r -> of(normal(r, 2, 3, 4)));
        check("max", "axis 1 of (3, 5)", in -> Reductions.max(in[0], 1, false), r -> of(distinct(r, 3, 5)));
        check("max", "axis 0 of (4, 2, 3), kept", in -> Reductions.max(in[0], 0, true), r -> of(distinct(r, 4, 2, 3)));
        check("max", "all of (7,)", in -> Reductions.max(in[0]), r -> of(distinct(r, 7)));
        check("max", "single element", in -> Reductions.max(in[0]), r -> of(normal(r, 1)));
        check("sum", "single element", in -> Reductions.sum(in[0]), r -> of(normal(r, 1)));
        check("mean", "axes 0 and 1 of (1, 1, 3), kept", in -> Reductions.mean(in[0], true, 0, 1), r -> of(normal(r, 1, 1, 3)));
    }

    private void shaping() {
        check("reshape", "(2, 3, 4) to (4, -1)", in -> Shaping.reshape(in[0], 4, -1), r -> of(normal(r, 2, 3, 4)));
        check("reshape", "single element to a scalar", in -> Shaping.reshape(in[0]), r -> of(normal(r, 1, 1)));
        check("permute", "size-1 axes (1, 3, 1) as (2, 1, 0)", in -> Shaping.permute(in[0], 2, 1, 0), r -> of(normal(r, 1, 3, 1)));
        check("transpose", "single element", in -> Shaping.transpose(in[0], 0, 1), r -> of(normal(r, 1, 1)));
        check("flatten", "(2, 3, 2) to (2, 6)", in -> Shaping.flatten(in[0]), r -> of(normal(r, 2, 3, 2)));
        check("permute", "(2, 3, 4) as (2, 0, 1)", in -> Shaping.permute(in[0], 2, 0, 1), r -> of(normal(r, 2, 3, 4)));
        check("transpose", "(3, 5)", in -> Shaping.transpose(in[0], 0, 1), r -> of(normal(r, 3, 5)));
        check("concat", "axis 0: (2, 3) and (1, 3)", in -> Shaping.concat(0, in[0], in[1]), r -> of(normal(r, 2, 3), normal(r, 1, 3)));
        check("concat", "axis 1: (2, 1, 2), (2, 3, 2), (2, 2, 2)", in -> Shaping.concat(1, in[0], in[1], in[2]),
                r -> of(normal(r, 2, 1, 2), normal(r, 2, 3, 2), normal(r, 2, 2, 2)));
        check("slice", "axis 1 [1, 3) of (2, 4, 3)", in -> Shaping.slice(in[0], 1, 1, 3), r -> of(normal(r, 2, 4, 3)));
        check("slice", "single element", in -> Shaping.slice(in[0], 0, 2, 3), r -> of(normal(r, 4)));
        check("gather", "rows 2, 0, 2 of (3, 4)", in -> Shaping.gather(in[0], 0, new int[] {2, 0, 2}), r -> of(normal(r, 3, 4)));
        check("gather", "axis 1 of (2, 3, 2)", in -> Shaping.gather(in[0], 1, new int[] {1, 1, 0, 2}), r -> of(normal(r, 2, 3, 2)));
    }

    private void softmax() {
        check("softmax", "last axis of (3, 5)", in -> Softmax.softmax(in[0], -1), r -> of(normal(r, 3, 5)));
        check("softmax", "axis 0 of (4, 2, 3)", in -> Softmax.softmax(in[0], 0), r -> of(normal(r, 4, 2, 3)));
        check("softmax", "single element", in -> Softmax.softmax(in[0], 0), r -> of(normal(r, 1)));
        check("logSoftmax", "last axis of (3, 5)", in -> Softmax.logSoftmax(in[0], -1), r -> of(normal(r, 3, 5)));
        check("logSoftmax", "axis 1 of (2, 4, 3)", in -> Softmax.logSoftmax(in[0], 1), r -> of(normal(r, 2, 4, 3)));
    }

    private void losses() {
        for (Reduction red : Reduction.values()) {
            check("bceWithLogits", red + " (3, 4)", in -> Losses.bceWithLogits(in[0], in[1], red), r -> of(normal(r, 3, 4), unit(r, 3, 4)));
            check("crossEntropy", red + " (4, 5)", in -> Losses.crossEntropy(in[0], new int[] {0, 4, 2, 2}, red), r -> of(normal(r, 4, 5)));
            check("mse", red + " (3, 4)", in -> Losses.mse(in[0], in[1], red), r -> of(normal(r, 3, 4), normal(r, 3, 4)));
            check("gaussianNll", red + " (3, 4)", in -> Losses.gaussianNll(in[0], in[1], in[2], red),
                    r -> of(normal(r, 3, 4), normal(r, 3, 4), normal(r, 3, 4)));
            check("standardNormal", red + " KL (3, 4)", in -> KlDivergence.standardNormal(in[0], in[1], red),
                    r -> of(normal(r, 3, 4), normal(r, 3, 4)));
            check("gaussian", red + " KL of two Gaussians (3, 4)", in -> KlDivergence.gaussian(in[0], in[1], in[2], in[3], red),
                    r -> of(normal(r, 3, 4), normal(r, 3, 4), normal(r, 3, 4), normal(r, 3, 4)));
        }
        check("gaussianNll", "one shared logvar (1,) for (2, 3)", in -> Losses.gaussianNll(in[0], in[1], in[2], Reduction.SUM),
                r -> of(normal(r, 2, 3), normal(r, 2, 3), normal(r, 1)));
        check("pixelMixtureNll", "3 colours, (2, 2, 2, 3) pictures, σ 0.5", in -> PixelMixture.nll(in[0], in[1], 3, 0.5f, Reduction.SUM),
                r -> of(normal(r, 2, 9, 2, 3), unit(r, 2, 2, 2, 3)));
        check("pixelMixtureNll", "one colour, (1, 3, 2, 2) pictures, σ 0.3, per pixel", in -> PixelMixture.nll(in[0], in[1], 1, 0.3f, Reduction.NONE),
                r -> of(normal(r, 1, 4, 2, 2), unit(r, 1, 3, 2, 2)));
        check("crossEntropy", "single row and class", in -> Losses.crossEntropy(in[0], new int[] {0}, Reduction.SUM), r -> of(normal(r, 1, 1)));
        check("standardNormal", "single element KL", in -> KlDivergence.standardNormal(in[0], in[1], Reduction.SUM), r -> of(normal(r, 1), normal(r, 1)));
    }

    private void convolution() {
        check("conv2d", "3x3 pad 1 stride 1, (2, 2, 5, 5) → 3 channels", in -> Convolution.conv2d(in[0], in[1], in[2], 1, 1),
                r -> of(normal(r, 2, 2, 5, 5), normal(r, 3, 2, 3, 3), normal(r, 3)));
        check("conv2d", "4x4 stride 2 pad 1, (1, 3, 8, 6) → 2 channels", in -> Convolution.conv2d(in[0], in[1], in[2], 2, 1),
                r -> of(normal(r, 1, 3, 8, 6), normal(r, 2, 3, 4, 4), normal(r, 2)));
        check("conv2d", "1x1 kernel, no bias, single pixel", in -> Convolution.conv2d(in[0], in[1], null, 1, 0),
                r -> of(normal(r, 1, 2, 1, 1), normal(r, 3, 2, 1, 1)));
        check("convTranspose2d", "4x4 stride 2 pad 1, (2, 3, 3, 3) → 2 channels", in -> Convolution.convTranspose2d(in[0], in[1], in[2], 2, 1, 0),
                r -> of(normal(r, 2, 3, 3, 3), normal(r, 3, 2, 4, 4), normal(r, 2)));
        check("convTranspose2d", "3x3 stride 2 pad 1 output pad 1", in -> Convolution.convTranspose2d(in[0], in[1], in[2], 2, 1, 1),
                r -> of(normal(r, 1, 2, 3, 2), normal(r, 2, 3, 3, 3), normal(r, 3)));
        check("convTranspose2d", "1x1 kernel, no bias, single pixel", in -> Convolution.convTranspose2d(in[0], in[1], null, 1, 0, 0),
                r -> of(normal(r, 1, 2, 1, 1), normal(r, 2, 3, 1, 1)));
        check("maxPool2d", "2x2 of (2, 2, 4, 5)", in -> Pooling.maxPool2d(in[0], 2), r -> of(distinct(r, 2, 2, 4, 5)));
        check("maxPool2d", "whole single-pixel window", in -> Pooling.maxPool2d(in[0], 1), r -> of(normal(r, 1, 1, 1, 1)));
    }

    private void normalization() {
        check("layerNorm", "rows of (2, 3, 5)", in -> Normalization.layerNorm(in[0], in[1], in[2], 1e-5f),
                r -> of(normal(r, 2, 3, 5), normal(r, 5), normal(r, 5)));
        check("layerNorm", "one row of 2", in -> Normalization.layerNorm(in[0], in[1], in[2], 1e-5f),
                r -> of(normal(r, 1, 2), normal(r, 2), normal(r, 2)));
    }

    private void attention() {
        check("attention", "causal, (2, 2, 4, 3)", in -> Attention.scaledDotProduct(in[0], in[1], in[2], true, null),
                r -> of(normal(r, 2, 2, 4, 3), normal(r, 2, 2, 4, 3), normal(r, 2, 2, 4, 3)));
        check("attention", "not causal, padding keys masked", in -> Attention.scaledDotProduct(in[0], in[1], in[2], false,
                new boolean[] {true, true, false, true, false, false}), r -> of(normal(r, 2, 1, 3, 2), normal(r, 2, 1, 3, 2), normal(r, 2, 1, 3, 2)));
        check("attention", "causal, 2 queries after 3 cached keys", in -> Attention.scaledDotProduct(in[0], in[1], in[2], true,
                new boolean[] {true, false, true, true, true}), r -> of(normal(r, 1, 2, 2, 3), normal(r, 1, 2, 5, 3), normal(r, 1, 2, 5, 3)));
        check("attention", "single query, key and value", in -> Attention.scaledDotProduct(in[0], in[1], in[2], true, null),
                r -> of(normal(r, 1, 1, 1, 1), normal(r, 1, 1, 1, 1), normal(r, 1, 1, 1, 1)));
    }

    private void check(String op, String variant, Function<Tensor[], Tensor> f, Function<Rng, Tensor[]> inputs) {
        cases.add(new Case(op, variant, f, inputs));
    }

    private static Tensor[] of(Tensor... t) {
        for (Tensor x : t) {
            x.requiresGrad(true);
        }
        return t;
    }

    private static Tensor normal(Rng r, int... dims) {
        return Tensor.randn(r, dims);
    }

    private static Tensor unit(Rng r, int... dims) {
        return Tensor.uniform(r, 0f, 1f, dims);
    }

    private static Tensor positive(Rng r, int... dims) {
        return Tensor.uniform(r, 0.5f, 2f, dims);
    }

    /** Values with |x| in [0.3, 2): further from a kink at 0 than the finite-difference step. */
    private static Tensor awayFromZero(Rng r, int... dims) {
        Tensor t = Tensor.uniform(r, 0.3f, 2f, dims);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextFloat() < 0.5f ? -d[i] : d[i];
        }
        return t;
    }

    /** A shuffled ramp with gaps of 0.1, so no two values are within the step of a tie. */
    private static Tensor distinct(Rng r, int... dims) {
        Tensor t = Tensor.zeros(dims);
        int[] order = new int[t.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        r.shuffle(order);
        for (int i = 0; i < order.length; i++) {
            t.data()[i] = 0.1f * order[i] - 0.05f * order.length;
        }
        return t;
    }
}
