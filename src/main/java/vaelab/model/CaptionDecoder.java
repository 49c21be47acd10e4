package vaelab.model;

import static vaelab.autograd.Arithmetic.mul;

import java.util.ArrayList;
import java.util.List;
import vaelab.autograd.Activations;
import vaelab.autograd.Losses;
import vaelab.autograd.Reduction;
import vaelab.autograd.Reductions;
import vaelab.autograd.Shaping;
import vaelab.nn.Dense;
import vaelab.nn.Embedding;
import vaelab.nn.Gru;
import vaelab.nn.Module;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.TokenBatch;
import vaelab.text.Vocabulary;

/**
 * The caption decoder p(t | z) of {@link CrossModalVae}, and its sampler: h₀ = tanh(dense z), a GRU
 * over [embedding of the previous token, z], a dense layer to the next token's logits. The embedding
 * is the model's, shared with the {@link TextExpert}. In training, a share of the input tokens is
 * replaced by {@code <unk>} (word dropout, Bowman et al., 2016), so that it cannot write a caption
 * from the previous words alone and has to read z.
 */
final class CaptionDecoder extends Module {
    private final CrossModalVae.Config config;
    private final Embedding embedding; // ids (n, T) → (n, T, E); owned by the model
    private final Dense init; // (n, Z) → h₀ (n, H)
    private final Gru gru; // (n, T, E + Z) → (n, T, H)
    private final Dense out; // (n·T, H) → (n·T, V)

    CaptionDecoder(CrossModalVae.Config config, Embedding embedding, Rng rng) {
        this.config = config;
        this.embedding = embedding;
        this.init = child("init", new Dense(config.latent(), config.hidden(), rng));
        this.gru = child("gru", new Gru(config.embedding() + config.latent(), config.hidden(), rng));
        this.out = child("out", new Dense(config.hidden(), config.vocabulary(), rng));
    }

    /**
     * −log p(t | z) of each text, summed over its tokens and its end: (n); when training, a share
     * {@code wordDropout} of the input tokens is replaced by {@code <unk>}, drawn from {@code rng}.
     */
    Tensor nll(Tensor z, TokenBatch text, float wordDropout, Rng rng) {
        TokenBatch in = text.decoderInputs();
        if (rng != null && isTraining() && wordDropout > 0) {
            int[] ids = in.ids().clone();
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] > Vocabulary.EOS_ID && rng.nextFloat() < wordDropout) {
                    ids[i] = Vocabulary.UNK_ID;
                }
            }
            in = new TokenBatch(ids, in.lengths(), in.length());
        }
        TokenBatch target = text.decoderTargets();
        int n = in.count();
        int steps = in.length();
        Tensor emb = embedding.forward(in.ids(), n, steps);
        Tensor zEveryStep = mul(Tensor.ones(n, steps, 1), Shaping.reshape(z, n, 1, config.latent()));
        Tensor h0 = Activations.tanh(init.forward(z));
        Tensor states = gru.forward(Shaping.concat(2, emb, zEveryStep), in.lengths(), h0).outputs();
        Tensor logits = out.forward(Shaping.reshape(states, n * steps, config.hidden()));
        Tensor perToken = Losses.crossEntropy(logits, target.ids(), Reduction.NONE);
        Tensor masked = mul(perToken, Tensor.of(target.mask(), n * steps));
        return Reductions.sum(Shaping.reshape(masked, n, steps), false, 1);
    }

    /**
     * Writes a caption for each code, token by token, until {@code <eos>} or {@code maxTokens}: the
     * most likely token when {@code temperature} is 0, otherwise a draw from softmax(logits / T). No
     * three-token sequence is written twice in one caption: greedy decoding otherwise tends to loop
     * ("a few animals, a few animals, …"), since each repetition is as likely as the first. With a
     * {@code language}, each caption keeps to {@code asked}, or to the language its first words take.
     */
    List<int[]> write(Tensor z, float temperature, Rng rng, CaptionLanguage language, vaelab.data.scenes.Language asked) {
        int n = z.dim(0);
        List<List<Integer>> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(new ArrayList<>());
        }
        boolean[] done = new boolean[n];
        try (GradMode.Scope ignored = GradMode.disable()) {
            Tensor h = Activations.tanh(init.forward(z));
            int[] previous = new int[n];
            java.util.Arrays.fill(previous, Vocabulary.BOS_ID);
            int v = config.vocabulary();
            for (int step = 0; step <= config.maxTokens(); step++) {
                Tensor x = Shaping.concat(1, embedding.forward(previous, n), z);
                h = gru.cell().forward(x, h);
                float[] logits = out.forward(h).data();
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    List<Integer> written = tokens.get(i);
                    if (!done[i]) {
                        blockRepeats(written, logits, i * v);
                        if (language != null) {
                            language.keepTo(language.of(asked, written), logits, i * v, v);
                        }
                    }
                    int next = step == config.maxTokens() ? Vocabulary.EOS_ID : pick(logits, i * v, v, temperature, rng);
                    previous[i] = next;
                    if (!done[i]) {
                        if (next == Vocabulary.EOS_ID) {
                            done[i] = true;
                        } else {
                            written.add(next);
                        }
                    }
                    all &= done[i];
                }
                if (all) {
                    break;
                }
            }
        }
        List<int[]> captions = new ArrayList<>(n);
        for (List<Integer> t : tokens) {
            captions.add(t.stream().mapToInt(Integer::intValue).toArray());
        }
        return captions;
    }

    /** Forbids each token that would complete a trigram already in {@code written}. */
    static void blockRepeats(List<Integer> written, float[] logits, int offset) {
        int k = written.size();
        if (k < 2) {
            return;
        }
        int a = written.get(k - 2);
        int b = written.get(k - 1);
        for (int j = 0; j + 2 < k; j++) {
            if (written.get(j) == a && written.get(j + 1) == b) {
                logits[offset + written.get(j + 2)] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** A token from one row of logits; the reserved tokens other than {@code <eos>} are never written. */
    private static int pick(float[] logits, int from, int count, float temperature, Rng rng) {
        int best = Vocabulary.EOS_ID;
        for (int k = Vocabulary.EOS_ID; k < count; k++) {
            if (logits[from + k] > logits[from + best]) {
                best = k;
            }
        }
        if (temperature <= 0f) {
            return best;
        }
        double[] p = new double[count];
        double sum = 0;
        for (int k = Vocabulary.EOS_ID; k < count; k++) {
            p[k] = Math.exp((logits[from + k] - logits[from + best]) / temperature);
            sum += p[k];
        }
        double u = rng.nextDouble() * sum;
        for (int k = Vocabulary.EOS_ID; k < count; k++) {
            u -= p[k];
            if (u <= 0) {
                return k;
            }
        }
        return best;
    }
}
