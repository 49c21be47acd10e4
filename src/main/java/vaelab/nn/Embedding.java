package vaelab.nn;

import vaelab.autograd.Arithmetic;
import vaelab.autograd.Shaping;
import vaelab.tensor.Rng;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * A table of vectors, one per token id: ids (batch, length) → (batch, length, dim). The row of the
 * padding index starts at zero and never receives a gradient, so padding contributes nothing.
 */
public final class Embedding extends Module {
    private final int vocabulary;
    private final int dim;
    private final int paddingIndex; // −1 for none
    private final Tensor table; // (vocabulary, dim)

    public Embedding(int vocabulary, int dim, int paddingIndex, Rng rng) {
        if (vocabulary < 1 || dim < 1 || paddingIndex < -1 || paddingIndex >= vocabulary) {
            throw new IllegalArgumentException("Embedding: invalid vocabulary " + vocabulary + ", dim " + dim
                    + ", padding index " + paddingIndex);
        }
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.paddingIndex = paddingIndex;
        Tensor t = Tensor.randn(rng, vocabulary, dim); // N(0, 1), as PyTorch
        if (paddingIndex >= 0) {
            java.util.Arrays.fill(t.data(), paddingIndex * dim, (paddingIndex + 1) * dim, 0f);
        }
        this.table = parameter("weight", t);
    }

    /** Looks up {@code ids} (row-major, of shape {@code idsShape}); returns idsShape + (dim). */
    public Tensor forward(int[] ids, int... idsShape) {
        Shape s = Shape.of(idsShape);
        if (s.size() != ids.length) {
            throw new IllegalArgumentException("Embedding: " + ids.length + " ids do not fit shape " + s);
        }
        for (int id : ids) {
            if (id < 0 || id >= vocabulary) {
                throw new IllegalArgumentException("Embedding: token id " + id + " is outside the vocabulary of " + vocabulary);
            }
        }
        Tensor rows = Shaping.gather(table, 0, ids); // (ids, dim)
        if (paddingIndex >= 0) {
            float[] mask = new float[ids.length * dim];
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] != paddingIndex) {
                    java.util.Arrays.fill(mask, i * dim, (i + 1) * dim, 1f);
                }
            }
            rows = Arithmetic.mul(rows, Tensor.of(mask, ids.length, dim));
        }
        int[] outDims = java.util.Arrays.copyOf(idsShape, idsShape.length + 1);
        outDims[idsShape.length] = dim;
        return Shaping.reshape(rows, outDims);
    }

    public int dim() {
        return dim;
    }

    @Override
    public String describe() {
        return "Embedding(" + vocabulary + " × " + dim + (paddingIndex >= 0 ? ", padding " + paddingIndex : "") + ")";
    }
}
