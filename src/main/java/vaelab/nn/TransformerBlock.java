package vaelab.nn;

import static vaelab.autograd.Arithmetic.add;

import vaelab.autograd.Activations;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A pre-LayerNorm transformer block, as in GPT-2: x + drop(attention(norm(x))), then
 * x + drop(mlp(norm(x))) with a GELU MLP four times as wide. The residual path carries x untouched,
 * which is what lets a stack of these train.
 */
public final class TransformerBlock extends Module {
    private final LayerNorm attentionNorm; // (C)
    private final MultiHeadAttention attention;
    private final LayerNorm mlpNorm; // (C)
    private final Dense expand; // (C → 4C)
    private final Dense contract; // (4C → C)
    private final Dropout dropout;

    public TransformerBlock(int width, int heads, float dropout, Rng rng) {
        this.attentionNorm = child("attention_norm", new LayerNorm(width));
        this.attention = child("attention", new MultiHeadAttention(width, heads, true, rng));
        this.mlpNorm = child("mlp_norm", new LayerNorm(width));
        this.expand = child("expand", new Dense(width, 4 * width, rng));
        this.contract = child("contract", new Dense(4 * width, width, rng));
        this.dropout = child("dropout", new Dropout(dropout, new Rng(rng.nextLong())));
    }

    /** x: (B, T, C); keep: B·T flags, false for padding (null: none); cache: null, or this block's cache. */
    public Tensor forward(Tensor x, boolean[] keep, KvCache cache) {
        Tensor h = add(x, dropout.forward(attention.forward(attentionNorm.forward(x), keep, cache)));
        Tensor m = contract.forward(Activations.gelu(expand.forward(mlpNorm.forward(h))));
        return add(h, dropout.forward(m));
    }

    public MultiHeadAttention attention() {
        return attention;
    }

    /** The generator of the dropout masks, whose state a checkpoint saves. */
    public Rng dropoutRng() {
        return dropout.rng();
    }

    @Override
    public String describe() {
        return "TransformerBlock(" + attention.describe() + ")";
    }
}
