package vaelab.model;

import static vaelab.autograd.Shaping.gather;
import static vaelab.autograd.Shaping.reshape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.autograd.Arithmetic;
import vaelab.autograd.Losses;
import vaelab.autograd.Reduction;
import vaelab.nn.Dense;
import vaelab.nn.Embedding;
import vaelab.nn.KvCache;
import vaelab.nn.LayerNorm;
import vaelab.nn.Module;
import vaelab.nn.PositionEmbedding;
import vaelab.nn.TransformerBlock;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * The learned prior of the discrete VAE, as in DALL·E: a causal transformer over one sequence of a
 * caption's tokens and a picture's 64·L codes, trained by cross-entropy on every next token. In text
 * order, p(t, c) = Πᵢ p(tᵢ | t&lt;ᵢ) · Πⱼ p(cⱼ | t, c&lt;ⱼ): drawing the codes after a caption draws a
 * picture of it. In picture order the codes come first and the caption after them, so the same
 * network writes captions of pictures. A first token says which order a sequence is in.
 *
 * <p>Sequence layout (ids of the prior's own vocabulary: text tokens 0 … V−1, codes of level l at
 * V + l·K … V + (l+1)·K − 1, then the two order tokens): a caption takes {@code textSlots} = max
 * tokens + 1 slots, its tokens, the end token and padding; padding slots are masked as keys and their
 * targets are not scored. A picture's codes come cell after cell, a cell's L levels together; each
 * level has its own input embeddings, and one head of K logits predicts the code of whichever level
 * comes next (the position says which).
 */
public final class CodePrior extends Module {
    /** @param codes K, the entries of each level; @param depth L, the codes of each cell */
    public record Config(int vocabulary, int codes, int maxTokens, int width, int layers, int heads, float dropout, int depth) {
        public Config {
            if (vocabulary < 5 || codes < 2 || maxTokens < 1 || width < 1 || layers < 1 || heads < 1 || width % heads != 0
                    || !(dropout >= 0 && dropout < 1) || depth < 1 || depth > 8) {
                throw new IllegalArgumentException("invalid prior: " + this);
            }
        }

        /** One code per cell. */
        public Config(int vocabulary, int codes, int maxTokens, int width, int layers, int heads, float dropout) {
            this(vocabulary, codes, maxTokens, width, layers, heads, dropout, 1);
        }

        /** Codes per picture. */
        public int cells() {
            return DiscreteVae.GRID * DiscreteVae.GRID * depth;
        }

        /** Caption slots: the tokens, the end token, padding. */
        public int textSlots() {
            return maxTokens + 1;
        }

        /** Positions the network sees: the order token and all but the last of the rest. */
        public int length() {
            return textSlots() + cells();
        }

        public int textFirst() {
            return vocabulary + codes * depth;
        }

        public int imageFirst() {
            return textFirst() + 1;
        }

        /** The input id of code {@code code} at place {@code j} of a picture's codes. */
        public int codeId(int j, int code) {
            return vocabulary + (j % depth) * codes + code;
        }

        public Map<String, String> toMap() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("vocabulary", "" + vocabulary);
            m.put("codes", "" + codes);
            m.put("max_tokens", "" + maxTokens);
            m.put("width", "" + width);
            m.put("layers", "" + layers);
            m.put("heads", "" + heads);
            m.put("dropout", "" + dropout);
            m.put("depth", "" + depth);
            return m;
        }
    }

    private final Config config;
    private final Embedding tokens; // (V + L·K + 2, C)
    private final PositionEmbedding positions; // (length, C)
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm finalNorm; // (C)
    private final Dense textHead; // (C → V)
    private final Dense codeHead; // (C → K)

    public CodePrior(Config c, Rng rng) {
        this.config = c;
        this.tokens = child("tokens", new Embedding(c.vocabulary() + c.depth() * c.codes() + 2, c.width(), -1, rng));
        float[] t = tokens.parameters().get(0).data();
        for (int i = 0; i < t.length; i++) {
            t[i] *= 0.02f; // GPT-2's scale
        }
        this.positions = child("positions", new PositionEmbedding(c.length(), c.width(), rng));
        for (int l = 0; l < c.layers(); l++) {
            blocks.add(child("block" + l, new TransformerBlock(c.width(), c.heads(), c.dropout(), rng)));
        }
        this.finalNorm = child("final_norm", new LayerNorm(c.width()));
        this.textHead = child("text_head", new Dense(c.width(), c.vocabulary(), rng));
        this.codeHead = child("code_head", new Dense(c.width(), c.codes(), rng));
    }

    public Config config() {
        return config;
    }

    /** A batch of training sequences: ids and key flags (B, length), and which positions predict what. */
    public record Batch(int count, int[] ids, boolean[] keep, int[] textPositions, int[] textTargets, int[] codePositions,
                        int[] codeTargets) {
    }

    /**
     * Lays out sequences: {@code captions[i]} holds caption i's token ids (without begin or end
     * tokens, at most maxTokens), {@code grids} 64·L codes per picture, and {@code imageFirst[i]} the
     * order of sequence i.
     */
    public Batch batch(List<int[]> captions, int[] grids, boolean[] imageFirst) {
        int n = captions.size();
        int slots = config.textSlots();
        int length = config.length();
        int cells = config.cells();
        int[] ids = new int[n * length];
        boolean[] keep = new boolean[n * length];
        List<Integer> textPos = new ArrayList<>();
        List<Integer> textTgt = new ArrayList<>();
        int[] codePos = new int[n * cells];
        int[] codeTgt = new int[n * cells];
        for (int i = 0; i < n; i++) {
            int[] caption = captions.get(i);
            if (caption.length > config.maxTokens()) {
                throw new IllegalArgumentException("caption " + i + " has " + caption.length + " tokens, more than " + config.maxTokens());
            }
            int[] text = new int[slots]; // padding is id 0
            System.arraycopy(caption, 0, text, 0, caption.length);
            text[caption.length] = vaelab.text.Vocabulary.EOS_ID;
            int[] full = new int[length + 1]; // the order token, then both parts; the last is only a target
            full[0] = imageFirst[i] ? config.imageFirst() : config.textFirst();
            int textStart = imageFirst[i] ? 1 + cells : 1;
            int codeStart = imageFirst[i] ? 1 : 1 + slots;
            for (int s = 0; s < slots; s++) {
                full[textStart + s] = text[s];
            }
            for (int j = 0; j < cells; j++) {
                full[codeStart + j] = config.codeId(j, grids[i * cells + j]);
            }
            for (int p = 0; p < length; p++) {
                ids[i * length + p] = full[p];
                int slot = p - textStart;
                keep[i * length + p] = slot < 0 || slot >= slots || slot <= caption.length; // padding after the end is hidden
            }
            for (int s = 0; s <= caption.length; s++) { // the tokens and the end token are scored
                textPos.add(i * length + textStart + s - 1);
                textTgt.add(text[s]);
            }
            for (int j = 0; j < cells; j++) {
                codePos[i * cells + j] = i * length + codeStart + j - 1;
                codeTgt[i * cells + j] = grids[i * cells + j];
            }
        }
        return new Batch(n, ids, keep, textPos.stream().mapToInt(Integer::intValue).toArray(),
                textTgt.stream().mapToInt(Integer::intValue).toArray(), codePos, codeTgt);
    }

    /** The hidden states (B·T, C) of a batch of ids (B, T) starting at {@code start}, through the cache when given. */
    private Tensor hidden(int[] ids, int b, int t, boolean[] keep, int start, List<KvCache> caches) {
        Tensor x = positions.forward(tokens.forward(ids, b, t), start);
        for (int l = 0; l < blocks.size(); l++) {
            x = blocks.get(l).forward(x, keep, caches == null ? null : caches.get(l));
        }
        return reshape(finalNorm.forward(x), b * t, config.width());
    }

    /** The hidden states (B, C) of one new id per sequence, sequence i at position {@code starts[i]}, through the caches. */
    private Tensor hidden(int[] ids, int b, int[] starts, List<KvCache> caches) {
        Tensor x = positions.forward(tokens.forward(ids, b, 1), starts);
        for (int l = 0; l < blocks.size(); l++) {
            x = blocks.get(l).forward(x, null, caches.get(l));
        }
        return reshape(finalNorm.forward(x), b, config.width());
    }

    /** The two losses of a batch, mean nats per scored token: the caption's and the picture's. */
    public record Loss(Tensor text, Tensor image) {
        public Tensor total(float textWeight) {
            return Arithmetic.add(image, Arithmetic.mul(text, textWeight));
        }
    }

    public Loss loss(Batch batch) {
        Tensor h = hidden(batch.ids(), batch.count(), config.length(), batch.keep(), 0, null);
        Tensor text = Losses.crossEntropy(textHead.forward(gather(h, 0, batch.textPositions())), batch.textTargets(), Reduction.MEAN);
        Tensor image = Losses.crossEntropy(codeHead.forward(gather(h, 0, batch.codePositions())), batch.codeTargets(), Reduction.MEAN);
        return new Loss(text, image);
    }

    /**
     * How to draw each token: a temperature (0: the most likely), the k most likely kept (0: all), and
     * for codes drawn after a caption a guidance scale s (1: none). With s ≠ 1 each code is drawn from
     * the logits u + s·(c − u), c those after the caption and u the prior's own after no caption (the
     * picture order's codes before any text): classifier-free guidance (Ho &amp; Salimans, 2021), which
     * weights p(caption | codes so far) by s − 1 more than the caption alone does.
     */
    public record Sampling(float temperature, int topK, float guidance) {
        public Sampling {
            if (!(temperature >= 0) || topK < 0 || !(guidance >= 0 && guidance <= 100)) {
                throw new IllegalArgumentException("need a temperature >= 0, top-k >= 0 and a guidance in [0, 100], got "
                        + temperature + ", " + topK + ", " + guidance);
            }
        }

        /** No guidance. */
        public Sampling(float temperature, int topK) {
            this(temperature, topK, 1f);
        }
    }

    /** Drawn codes (n·64·L, picture after picture) and each picture's log p(codes | caption) under the model, untempered. */
    public record Drawn(int[] codes, double[] logLikelihood) {
    }

    /** Draws {@code n} grids of codes after one caption (its token ids, without begin or end tokens). */
    public Drawn drawCodes(int[] caption, int n, Sampling sampling, Rng rng) {
        return drawCodes(List.of(caption), n, sampling, rng);
    }

    /**
     * Draws {@code n} grids of codes after each caption, all in one batch: grid j of caption i is
     * row i·n + j of the result. Captions of any length share the batch: each masks its own padding.
     */
    public Drawn drawCodes(List<int[]> captions, int n, Sampling sampling, Rng rng) {
        int total = captions.size() * n;
        int cells = config.cells();
        int[] codes = new int[total * cells];
        double[] logLikelihood = new double[total];
        // Blocks of at most DRAW_BLOCK sequences: the caches of one block take 4·L·T·C floats per sequence
        // (with guidance, each draw is two sequences).
        int size = sampling.guidance() != 1f ? DRAW_BLOCK / 2 : DRAW_BLOCK;
        for (int from = 0; from < total; from += size) {
            List<int[]> block = new ArrayList<>();
            for (int i = from; i < Math.min(total, from + size); i++) {
                block.add(captions.get(i / n));
            }
            Drawn d = drawBlock(block, sampling, rng);
            System.arraycopy(d.codes(), 0, codes, from * cells, d.codes().length);
            System.arraycopy(d.logLikelihood(), 0, logLikelihood, from, d.logLikelihood().length);
        }
        return new Drawn(codes, logLikelihood);
    }

    /** Sequences drawn together at most: their key/value caches stay within ~100 MB at the shipped sizes. */
    static final int DRAW_BLOCK = 256;

    /** One grid after each caption of {@code captions}, in one batch. */
    private Drawn drawBlock(List<int[]> captions, Sampling sampling, Rng rng) {
        int slots = config.textSlots();
        int prompt = 1 + slots;
        int rows = captions.size();
        int[] ids = new int[rows * prompt];
        boolean[] keep = new boolean[rows * prompt];
        for (int i = 0; i < rows; i++) {
            int[] caption = captions.get(i);
            if (caption.length > config.maxTokens()) {
                throw new IllegalArgumentException("a caption of " + caption.length + " tokens is longer than " + config.maxTokens());
            }
            ids[i * prompt] = config.textFirst();
            keep[i * prompt] = true;
            for (int s = 0; s < slots; s++) {
                int token = s < caption.length ? caption[s] : s == caption.length ? vaelab.text.Vocabulary.EOS_ID : 0;
                ids[i * prompt + 1 + s] = token;
                keep[i * prompt + 1 + s] = s <= caption.length;
            }
        }
        int cells = config.cells();
        int[] codes = new int[rows * cells];
        double[] logLikelihood = new double[rows];
        boolean guided = sampling.guidance() != 1f;
        // With guidance, rows … 2·rows − 1 are the unconditional stream: the same codes in picture
        // order after its order token alone. It shares the batch so that each weight is read once a
        // step for both streams; its other prompt slots are hidden keys, and its positions are its own.
        int total = guided ? 2 * rows : rows;
        if (guided) {
            ids = java.util.Arrays.copyOf(ids, total * prompt);
            keep = java.util.Arrays.copyOf(keep, total * prompt);
            for (int i = rows; i < total; i++) {
                ids[i * prompt] = config.imageFirst();
                keep[i * prompt] = true;
            }
        }
        int k = config.codes();
        int c = config.width();
        int[] starts = new int[total];
        try (GradMode.Scope ignored = GradMode.disable()) {
            eval();
            List<KvCache> caches = caches(total);
            Tensor h = hidden(ids, total, prompt, keep, 0, caches);
            float[] last = new float[total * c];
            for (int i = 0; i < total; i++) { // a caption's last slot; the plain stream's order token
                System.arraycopy(h.data(), (i * prompt + (i < rows ? prompt - 1 : 0)) * c, last, i * c, c);
            }
            for (int j = 0; j < cells; j++) {
                float[] logits = codeHead.forward(Tensor.of(last, total, c)).data();
                float[] drawFrom = logits;
                if (guided) {
                    drawFrom = new float[rows * k];
                    for (int q = 0; q < rows * k; q++) {
                        float plain = logits[rows * k + q];
                        drawFrom[q] = plain + sampling.guidance() * (logits[q] - plain);
                    }
                }
                int[] next = new int[total];
                for (int i = 0; i < rows; i++) {
                    next[i] = TokenSampler.draw(drawFrom, i * k, k, sampling, rng);
                    logLikelihood[i] += TokenSampler.logProbability(logits, i * k, k, next[i]);
                    codes[i * cells + j] = next[i];
                    next[i] = config.codeId(j, next[i]);
                    starts[i] = prompt + j;
                    if (guided) {
                        next[rows + i] = next[i];
                        starts[rows + i] = 1 + j;
                    }
                }
                if (j + 1 < cells) {
                    last = hidden(next, total, starts, caches).data();
                }
            }
        }
        return new Drawn(codes, logLikelihood);
    }

    /**
     * log p(caption | codes) of each pair, in picture order: the nats the prior gives caption i's
     * tokens and its end token after grid i (n·64·L). Reads the pairs in blocks like drawing does.
     */
    public double[] captionLogLikelihood(List<int[]> captions, int[] grids) {
        return logLikelihood(captions, grids, true, true);
    }

    /**
     * log p(codes) of each grid (n·64·L), in picture order before any caption: the nats the prior gives
     * a picture's codes when it knows nothing of its caption.
     */
    public double[] codesLogLikelihood(int[] grids) {
        int n = grids.length / config.cells();
        if (grids.length != n * config.cells()) {
            throw new IllegalArgumentException("grids come in " + config.cells() + " codes each, got " + grids.length);
        }
        return logLikelihood(java.util.Collections.nCopies(n, new int[0]), grids, true, false);
    }

    /**
     * log p(codes | caption) of each pair, in text order: the nats the prior gives grid i's codes
     * (n·64·L) after caption i. Bayes' rule turns it into a score of captions for one picture.
     */
    public double[] codesGivenCaptionLogLikelihood(List<int[]> captions, int[] grids) {
        return logLikelihood(captions, grids, false, false);
    }

    /** The log-likelihood of each pair's caption tokens ({@code ofCaption}) or codes, in either order, in blocks. */
    private double[] logLikelihood(List<int[]> captions, int[] grids, boolean codesFirst, boolean ofCaption) {
        int n = captions.size();
        if (grids.length != n * config.cells()) {
            throw new IllegalArgumentException(n + " captions need " + n * config.cells() + " codes, got " + grids.length);
        }
        double[] out = new double[n];
        try (GradMode.Scope ignored = GradMode.disable()) {
            eval();
            for (int from = 0; from < n; from += DRAW_BLOCK) {
                int to = Math.min(n, from + DRAW_BLOCK);
                boolean[] imageFirst = new boolean[to - from];
                java.util.Arrays.fill(imageFirst, codesFirst);
                Batch b = batch(captions.subList(from, to), java.util.Arrays.copyOfRange(grids, from * config.cells(), to * config.cells()), imageFirst);
                Tensor h = hidden(b.ids(), b.count(), config.length(), b.keep(), 0, null);
                int[] positions = ofCaption ? b.textPositions() : b.codePositions();
                int[] targets = ofCaption ? b.textTargets() : b.codeTargets();
                float[] logits = (ofCaption ? textHead : codeHead).forward(gather(h, 0, positions)).data();
                int v = ofCaption ? config.vocabulary() : config.codes();
                for (int r = 0; r < targets.length; r++) {
                    out[from + positions[r] / config.length()] += TokenSampler.logProbability(logits, r * v, v, targets[r]);
                }
            }
        }
        return out;
    }

    /**
     * log p(end | caption) of each caption in text order: how likely the prior finds it that a caption
     * which begins so ends there. Captions it learnt from never end after one thing ("a scene with
     * flowers"); it gives those ends almost nothing, and what it draws after them is a guess.
     */
    public double[] endLogProbability(List<int[]> captions) {
        int n = captions.size();
        double[] out = new double[n];
        try (GradMode.Scope ignored = GradMode.disable()) {
            eval();
            for (int from = 0; from < n; from += DRAW_BLOCK) {
                int to = Math.min(n, from + DRAW_BLOCK);
                boolean[] textFirst = new boolean[to - from];
                // The codes come after the text and a causal prior does not read them here: zeros do.
                Batch b = batch(captions.subList(from, to), new int[(to - from) * config.cells()], textFirst);
                Tensor h = hidden(b.ids(), b.count(), config.length(), b.keep(), 0, null);
                int[] ends = new int[to - from];
                for (int i = from; i < to; i++) {
                    ends[i - from] = (i - from) * config.length() + captions.get(i).length; // the slot before the end token
                }
                float[] logits = textHead.forward(gather(h, 0, ends)).data();
                int v = config.vocabulary();
                for (int i = 0; i < to - from; i++) {
                    out[from + i] = TokenSampler.logProbability(logits, i * v, v, vaelab.text.Vocabulary.EOS_ID);
                }
            }
        }
        return out;
    }

    /**
     * {@code n} captions that begin with {@code caption} (token ids, without the end token), each
     * finished by the prior in text order, drawn token by token until it writes the end: samples of
     * p(rest | caption), kept to the caption's language by {@code language} (null: not kept).
     */
    public List<int[]> finishCaptions(int[] caption, int n, Sampling sampling, Rng rng, CaptionLanguage language) {
        int len = caption.length;
        if (len > config.maxTokens()) {
            throw new IllegalArgumentException("a caption of " + len + " tokens is longer than " + config.maxTokens());
        }
        List<List<Integer>> written = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> w = new ArrayList<>();
            for (int id : caption) {
                w.add(id);
            }
            written.add(w);
        }
        int prompt = 1 + len;
        int[] ids = new int[n * prompt];
        for (int i = 0; i < n; i++) {
            ids[i * prompt] = config.textFirst();
            System.arraycopy(caption, 0, ids, i * prompt + 1, len);
        }
        boolean[] done = new boolean[n];
        try (GradMode.Scope ignored = GradMode.disable()) {
            eval();
            List<KvCache> caches = caches(n);
            float[] last = lastRows(hidden(ids, n, prompt, null, 0, caches), n, prompt);
            int v = config.vocabulary();
            for (int s = len; s < config.maxTokens(); s++) {
                float[] logits = textHead.forward(Tensor.of(last, n, config.width())).data();
                int[] next = new int[n];
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    if (!done[i]) {
                        if (language != null) {
                            language.keepTo(language.of(null, written.get(i)), logits, i * v, v);
                        }
                        next[i] = TokenSampler.drawAtLeast(logits, i * v, v, vaelab.text.Vocabulary.EOS_ID, sampling, rng);
                        if (next[i] == vaelab.text.Vocabulary.EOS_ID) {
                            done[i] = true;
                        } else {
                            written.get(i).add(next[i]);
                        }
                    }
                    all &= done[i];
                }
                if (all || s + 1 == config.maxTokens()) {
                    break;
                }
                last = hidden(next, n, 1, null, 1 + s, caches).data();
            }
        }
        List<int[]> out = new ArrayList<>(n);
        for (List<Integer> w : written) {
            out.add(w.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /** Writes a caption (token ids, without the end token) for each grid of codes (n·64·L). */
    public List<int[]> writeCaptions(int[] grids, int n, Sampling sampling, Rng rng) {
        return writeCaptions(grids, n, sampling, rng, null, null);
    }

    /**
     * As {@link #writeCaptions(int[], int, Sampling, Rng)}, each caption kept to one language by
     * {@code language} (null: no vocabulary to tell languages apart): {@code asked}, or the language
     * its first words take when {@code asked} is null.
     */
    public List<int[]> writeCaptions(int[] grids, int n, Sampling sampling, Rng rng, CaptionLanguage language,
                                     vaelab.data.scenes.Language asked) {
        int cells = config.cells();
        if (grids.length != n * cells) {
            throw new IllegalArgumentException(n + " grids need " + n * cells + " codes, got " + grids.length);
        }
        if (sampling.guidance() != 1f) { // measured and not kept: DISCRETE.md, "Guidance"
            throw new IllegalArgumentException("guidance applies to drawing codes, not to writing captions; got " + sampling.guidance());
        }
        // In blocks, as drawing does: the key/value caches of one block stay within ~100 MB.
        List<int[]> out = new ArrayList<>(n);
        for (int from = 0; from < n; from += DRAW_BLOCK) {
            int to = Math.min(n, from + DRAW_BLOCK);
            out.addAll(writeBlock(java.util.Arrays.copyOfRange(grids, from * cells, to * cells), to - from, sampling, rng, language,
                    asked));
        }
        return out;
    }

    private List<int[]> writeBlock(int[] grids, int n, Sampling sampling, Rng rng, CaptionLanguage language,
                                   vaelab.data.scenes.Language asked) {
        int cells = config.cells();
        int prompt = 1 + cells;
        int[] ids = new int[n * prompt];
        for (int i = 0; i < n; i++) {
            ids[i * prompt] = config.imageFirst();
            for (int j = 0; j < cells; j++) {
                ids[i * prompt + 1 + j] = config.codeId(j, grids[i * cells + j]);
            }
        }
        List<List<Integer>> written = new ArrayList<>();
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            written.add(new ArrayList<>());
        }
        try (GradMode.Scope ignored = GradMode.disable()) {
            eval();
            List<KvCache> caches = caches(n);
            float[] last = lastRows(hidden(ids, n, prompt, null, 0, caches), n, prompt);
            for (int s = 0; s < config.textSlots(); s++) {
                float[] logits = textHead.forward(Tensor.of(last, n, config.width())).data();
                int[] next = new int[n];
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    if (language != null && !done[i]) {
                        language.keepTo(language.of(asked, written.get(i)), logits, i * config.vocabulary(), config.vocabulary());
                    }
                    // Only real tokens may be written: not padding, unknown or begin.
                    next[i] = TokenSampler.drawAtLeast(logits, i * config.vocabulary(), config.vocabulary(), vaelab.text.Vocabulary.EOS_ID,
                            sampling, rng);
                    if (next[i] == vaelab.text.Vocabulary.EOS_ID || written.get(i).size() == config.maxTokens()) {
                        done[i] = true;
                    }
                    if (!done[i]) {
                        written.get(i).add(next[i]);
                    }
                    all &= done[i];
                }
                if (all || s + 1 == config.textSlots()) {
                    break;
                }
                last = hidden(next, n, 1, null, prompt + s, caches).data();
            }
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> w : written) {
            out.add(w.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private List<KvCache> caches(int n) {
        List<KvCache> out = new ArrayList<>();
        for (TransformerBlock b : blocks) {
            out.add(b.attention().newCache(n, config.length()));
        }
        return out;
    }

    private float[] lastRows(Tensor h, int n, int t) {
        int c = config.width();
        float[] out = new float[n * c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(h.data(), ((i + 1) * t - 1) * c, out, i * c, c);
        }
        return out;
    }

    /** The dropout generators of every block, whose states a checkpoint saves. */
    public List<Rng> dropoutRngs() {
        List<Rng> out = new ArrayList<>();
        for (TransformerBlock b : blocks) {
            out.add(b.dropoutRng());
        }
        return out;
    }

    @Override
    public String describe() {
        return "CodePrior(" + config.layers() + " blocks of " + config.width() + ", " + config.heads() + " heads)";
    }
}
