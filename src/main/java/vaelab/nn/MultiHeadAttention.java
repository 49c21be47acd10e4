package vaelab.nn;

import static vaelab.autograd.Shaping.permute;
import static vaelab.autograd.Shaping.reshape;

import vaelab.autograd.Attention;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Multi-head self-attention: x (B, T, C) is projected to queries, keys and values, split into
 * {@code heads} heads of C/heads each, attended ({@link Attention#scaledDotProduct}) and projected
 * back. With a {@link KvCache} the keys and values of earlier positions are kept, so a sampler feeds
 * one new position at a time and gets the logits a full forward would give it.
 */
public final class MultiHeadAttention extends Module {
    private final int width; // C
    private final int heads; // H, with C = H·D
    private final boolean causal;
    private final Dense query; // (C → C)
    private final Dense key; // (C → C)
    private final Dense value; // (C → C)
    private final Dense output; // (C → C)

    public MultiHeadAttention(int width, int heads, boolean causal, Rng rng) {
        if (heads < 1 || width < 1 || width % heads != 0) {
            throw new IllegalArgumentException("attention needs a width divisible by the heads, got " + width + " and " + heads);
        }
        this.width = width;
        this.heads = heads;
        this.causal = causal;
        this.query = child("query", new Dense(width, width, rng));
        this.key = child("key", new Dense(width, width, rng));
        this.value = child("value", new Dense(width, width, rng));
        this.output = child("output", new Dense(width, width, rng));
    }

    /** x: (B, T, C); keep: B·T flags, false for padding positions (null: none). Returns (B, T, C). */
    public Tensor forward(Tensor x, boolean[] keep) {
        return forward(x, keep, null);
    }

    /**
     * As {@link #forward(Tensor, boolean[])}, but the keys and values of x are appended to
     * {@code cache} (when not null) and the queries of x attend to everything in it.
     */
    public Tensor forward(Tensor x, boolean[] keep, KvCache cache) {
        if (x.rank() != 3 || x.dim(2) != width) {
            throw new IllegalArgumentException(describe() + " needs inputs of shape (B, T, " + width + "), got " + x.shape());
        }
        int b = x.dim(0);
        int t = x.dim(1);
        Tensor q = splitHeads(query.forward(x), b, t); // (B, H, T, D)
        Tensor k = splitHeads(key.forward(x), b, t);
        Tensor v = splitHeads(value.forward(x), b, t);
        boolean[] seen = keep;
        if (cache != null) {
            cache.append(k.data(), v.data(), keep, b, t);
            k = cache.keys();
            v = cache.values();
            seen = cache.keep();
        }
        Tensor o = Attention.scaledDotProduct(q, k, v, causal, seen); // (B, H, T, D)
        return output.forward(reshape(permute(o, 0, 2, 1, 3), b, t, width));
    }

    private Tensor splitHeads(Tensor y, int b, int t) {
        return permute(reshape(y, b, t, heads, width / heads), 0, 2, 1, 3);
    }

    /** A new, empty cache for {@code batch} sequences of at most {@code capacity} positions. */
    public KvCache newCache(int batch, int capacity) {
        return new KvCache(batch, heads, width / heads, capacity);
    }

    public int heads() {
        return heads;
    }

    @Override
    public String describe() {
        return "MultiHeadAttention(" + width + ", " + heads + " heads" + (causal ? ", causal" : "") + ")";
    }
}
