package vaelab.text;

import java.util.List;

/**
 * Token ids of several texts padded to one length: {@code ids} is (count, length) row-major with
 * {@link Vocabulary#PAD_ID} after each text's end, and {@code lengths} holds each text's own length
 * (at least 1: an empty text is stored as one {@code <unk>}, so every row has a state to encode).
 */
public record TokenBatch(int[] ids, int[] lengths, int length) {
    public TokenBatch {
        if (lengths.length == 0 || ids.length != lengths.length * length) {
            throw new IllegalArgumentException("a token batch needs (count × length) ids, got " + ids.length + " for "
                    + lengths.length + " × " + length);
        }
    }

    /** Pads already encoded texts; each must hold at most {@code maxLength} ids. */
    public static TokenBatch of(List<int[]> texts) {
        int length = 1;
        for (int[] t : texts) {
            length = Math.max(length, t.length);
        }
        int[] ids = new int[texts.size() * length];
        int[] lengths = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            int[] t = texts.get(i);
            if (t.length == 0) {
                ids[i * length] = Vocabulary.UNK_ID;
                lengths[i] = 1;
            } else {
                System.arraycopy(t, 0, ids, i * length, t.length);
                lengths[i] = t.length;
            }
        }
        return new TokenBatch(ids, lengths, length);
    }

    public int count() {
        return lengths.length;
    }

    /**
     * The decoder's view of the batch, for teacher forcing: inputs {@code <bos> t1 … tn} and targets
     * {@code t1 … tn <eos>}, each (count, length + 1), with lengths n + 1.
     */
    public TokenBatch decoderInputs() {
        int l = length + 1;
        int[] in = new int[count() * l];
        int[] lens = new int[count()];
        for (int i = 0; i < count(); i++) {
            in[i * l] = Vocabulary.BOS_ID;
            System.arraycopy(ids, i * length, in, i * l + 1, lengths[i]);
            lens[i] = lengths[i] + 1;
        }
        return new TokenBatch(in, lens, l);
    }

    /** See {@link #decoderInputs()}. */
    public TokenBatch decoderTargets() {
        int l = length + 1;
        int[] out = new int[count() * l];
        int[] lens = new int[count()];
        for (int i = 0; i < count(); i++) {
            System.arraycopy(ids, i * length, out, i * l, lengths[i]);
            out[i * l + lengths[i]] = Vocabulary.EOS_ID;
            lens[i] = lengths[i] + 1;
        }
        return new TokenBatch(out, lens, l);
    }

    /** This batch {@code times} over, so that several codes of each text can be decoded in one pass. */
    public TokenBatch repeat(int times) {
        int[] i2 = new int[ids.length * times];
        int[] l2 = new int[lengths.length * times];
        for (int r = 0; r < times; r++) {
            System.arraycopy(ids, 0, i2, r * ids.length, ids.length);
            System.arraycopy(lengths, 0, l2, r * lengths.length, lengths.length);
        }
        return new TokenBatch(i2, l2, length);
    }

    /** 1 where a position holds a token of its text, 0 where it is padding; (count × length). */
    public float[] mask() {
        float[] m = new float[ids.length];
        for (int i = 0; i < count(); i++) {
            java.util.Arrays.fill(m, i * length, i * length + lengths[i], 1f);
        }
        return m;
    }
}
