package vaelab.nn;

import vaelab.autograd.Arithmetic;
import vaelab.autograd.Shaping;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A learned vector per position, added to the inputs: x (B, T, C) + table[start … start + T − 1].
 * {@code start} lets a sampler add the vector of the one position it is feeding.
 */
public final class PositionEmbedding extends Module {
    private final int positions;
    private final int width;
    private final Tensor table; // (positions, C)

    public PositionEmbedding(int positions, int width, Rng rng) {
        if (positions < 1 || width < 1) {
            throw new IllegalArgumentException("PositionEmbedding needs positive sizes, got " + positions + " × " + width);
        }
        this.positions = positions;
        this.width = width;
        Tensor t = Tensor.randn(rng, positions, width);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] *= 0.02f; // GPT-2's scale: small beside the token vectors at the start
        }
        this.table = parameter("weight", t);
    }

    public Tensor forward(Tensor x, int start) {
        if (x.rank() != 3 || x.dim(2) != width || start < 0 || start + x.dim(1) > positions) {
            throw new IllegalArgumentException(describe() + " cannot add positions " + start + " … " + (start + x.dim(1) - 1)
                    + " to " + x.shape());
        }
        return Arithmetic.add(x, Shaping.slice(table, 0, start, start + x.dim(1)));
    }

    /** x (B, 1, C) + table[starts[i]] for each sequence i: a sampler feeding sequences at different positions. */
    public Tensor forward(Tensor x, int[] starts) {
        if (x.rank() != 3 || x.dim(1) != 1 || x.dim(2) != width || starts.length != x.dim(0)) {
            throw new IllegalArgumentException(describe() + " adds one position to each of " + starts.length + " sequences, not to "
                    + x.shape());
        }
        for (int s : starts) {
            if (s < 0 || s >= positions) {
                throw new IllegalArgumentException(describe() + " has no position " + s);
            }
        }
        return Arithmetic.add(x, Shaping.reshape(Shaping.gather(table, 0, starts), starts.length, 1, width));
    }

    public int positions() {
        return positions;
    }

    @Override
    public String describe() {
        return "PositionEmbedding(" + positions + " × " + width + ")";
    }
}
