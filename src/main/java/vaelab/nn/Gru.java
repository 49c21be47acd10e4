package vaelab.nn;

import static vaelab.autograd.Arithmetic.add;
import static vaelab.autograd.Arithmetic.mul;
import static vaelab.autograd.Arithmetic.sub;

import java.util.ArrayList;
import java.util.List;
import vaelab.autograd.Shaping;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A GRU over padded batches of sequences: x (batch, time, input) with each sequence's length. At a
 * padded step the hidden state is carried unchanged and the output is zero, so padding neither
 * changes the final state nor leaks into the outputs.
 */
public final class Gru extends Module {
    private final GruCell cell;

    /** Outputs (batch, time, hidden), zero at padded steps, and the final hidden state (batch, hidden). */
    public record Result(Tensor outputs, Tensor last) {
    }

    public Gru(int inputSize, int hiddenSize, Rng rng) {
        this.cell = child("cell", new GruCell(inputSize, hiddenSize, rng));
    }

    public GruCell cell() {
        return cell;
    }

    /**
     * @param lengths each sequence's length (1 … time); null means every sequence is full
     * @param h0 the initial state (batch, hidden), or null for zeros
     */
    public Result forward(Tensor x, int[] lengths, Tensor h0) {
        if (x.rank() != 3 || x.dim(2) != cell.inputSize()) {
            throw new IllegalArgumentException("Gru needs input (batch, time, " + cell.inputSize() + "), got " + x.shape());
        }
        int batch = x.dim(0);
        int time = x.dim(1);
        int hs = cell.hiddenSize();
        if (lengths != null) {
            if (lengths.length != batch) {
                throw new IllegalArgumentException("Gru: " + lengths.length + " lengths for a batch of " + batch);
            }
            for (int len : lengths) {
                if (len < 0 || len > time) {
                    throw new IllegalArgumentException("Gru: length " + len + " outside [0, " + time + "]");
                }
            }
        }
        Tensor h = h0 != null ? h0 : Tensor.zeros(batch, hs);
        Tensor projected = cell.projectInput(x); // (batch, time, 3·hidden), one GEMM for all steps
        List<Tensor> outputs = new ArrayList<>(time);
        for (int t = 0; t < time; t++) {
            Tensor gi = Shaping.reshape(Shaping.slice(projected, 1, t, t + 1), batch, 3 * hs);
            Tensor next = cell.step(gi, h);
            if (lengths == null) {
                h = next;
                outputs.add(Shaping.reshape(h, batch, 1, hs));
            } else {
                Tensor m = stepMask(lengths, t, batch);
                h = add(h, mul(m, sub(next, h))); // h ← h + m·(h' − h): unchanged where padded
                outputs.add(Shaping.reshape(mul(h, m), batch, 1, hs));
            }
        }
        Tensor all = time == 0 ? Tensor.zeros(batch, 0, hs) : Shaping.concat(1, outputs.toArray(new Tensor[0]));
        return new Result(all, h);
    }

    private static Tensor stepMask(int[] lengths, int t, int batch) {
        float[] m = new float[batch];
        for (int b = 0; b < batch; b++) {
            m[b] = t < lengths[b] ? 1f : 0f;
        }
        return Tensor.of(m, batch, 1);
    }

    @Override
    public String describe() {
        return "Gru(" + cell.inputSize() + " → " + cell.hiddenSize() + ")";
    }
}
