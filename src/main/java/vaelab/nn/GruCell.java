package vaelab.nn;

import static vaelab.autograd.Activations.sigmoid;
import static vaelab.autograd.Activations.tanh;
import static vaelab.autograd.Arithmetic.add;
import static vaelab.autograd.Arithmetic.mul;
import static vaelab.autograd.Arithmetic.sub;

import vaelab.autograd.MatMul;
import vaelab.autograd.Shaping;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * One step of a gated recurrent unit, with PyTorch's equations:
 * <pre>
 * r = σ(x·W_ir + b_ir + h·W_hr + b_hr)          reset gate
 * z = σ(x·W_iz + b_iz + h·W_hz + b_hz)          update gate
 * n = tanh(x·W_in + b_in + r ⊙ (h·W_hn + b_hn)) candidate
 * h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 * The three gates' weights are stored side by side: W_i (input, 3·hidden), W_h (hidden, 3·hidden).
 */
public final class GruCell extends Module {
    private final int inputSize;
    private final int hiddenSize;
    private final Tensor wInput; // (input, 3·hidden): r, z, n
    private final Tensor bInput; // (3·hidden)
    private final Tensor wHidden; // (hidden, 3·hidden)
    private final Tensor bHidden; // (3·hidden)

    public GruCell(int inputSize, int hiddenSize, Rng rng) {
        if (inputSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("GruCell needs positive sizes, got " + inputSize + ", " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        // PyTorch initialises every GRU weight and bias U(−1/√hidden, 1/√hidden).
        this.wInput = parameter("weight_ih", Init.uniformFanIn(rng, hiddenSize, inputSize, 3 * hiddenSize));
        this.bInput = parameter("bias_ih", Init.uniformFanIn(rng, hiddenSize, 3 * hiddenSize));
        this.wHidden = parameter("weight_hh", Init.uniformFanIn(rng, hiddenSize, hiddenSize, 3 * hiddenSize));
        this.bHidden = parameter("bias_hh", Init.uniformFanIn(rng, hiddenSize, 3 * hiddenSize));
    }

    /** x·W_i + b_i for all gates: (…, input) → (…, 3·hidden). A sequence computes it for every step at once. */
    public Tensor projectInput(Tensor x) {
        return MatMul.affine(x, wInput, bInput);
    }

    /** One step: x (batch, input), h (batch, hidden) → h' (batch, hidden). */
    public Tensor forward(Tensor x, Tensor h) {
        return step(projectInput(x), h);
    }

    /** One step from a precomputed input projection gi (batch, 3·hidden). */
    public Tensor step(Tensor gi, Tensor h) {
        Tensor gh = MatMul.affine(h, wHidden, bHidden);
        int hs = hiddenSize;
        Tensor r = sigmoid(add(Shaping.slice(gi, 1, 0, hs), Shaping.slice(gh, 1, 0, hs)));
        Tensor z = sigmoid(add(Shaping.slice(gi, 1, hs, 2 * hs), Shaping.slice(gh, 1, hs, 2 * hs)));
        Tensor n = tanh(add(Shaping.slice(gi, 1, 2 * hs, 3 * hs), mul(r, Shaping.slice(gh, 1, 2 * hs, 3 * hs))));
        // h' = (1 − z)·n + z·h = n + z·(h − n)
        return add(n, mul(z, sub(h, n)));
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public String describe() {
        return "GruCell(" + inputSize + " → " + hiddenSize + ")";
    }
}
