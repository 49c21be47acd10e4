package vaelab.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tokens and their ids. Ids 0–3 are reserved: {@value #PAD} pads sequences, {@value #UNK} stands
 * for any token not in the vocabulary, {@value #BOS} and {@value #EOS} begin and end a caption.
 * Model files store the token list in id order, so a vocabulary travels with its model.
 */
public final class Vocabulary {
    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final String BOS = "<bos>";
    public static final String EOS = "<eos>";
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;
    public static final int BOS_ID = 2;
    public static final int EOS_ID = 3;

    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();
    private final int longestToken; // in chars, for longest-match segmentation

    /** A vocabulary of exactly these tokens, in id order; the first four must be the reserved ones. */
    public Vocabulary(List<String> tokens) {
        if (tokens.size() < 4 || !tokens.get(PAD_ID).equals(PAD) || !tokens.get(UNK_ID).equals(UNK)
                || !tokens.get(BOS_ID).equals(BOS) || !tokens.get(EOS_ID).equals(EOS)) {
            throw new IllegalArgumentException("a vocabulary starts with " + PAD + ", " + UNK + ", " + BOS + ", " + EOS);
        }
        this.tokens = List.copyOf(tokens);
        int longest = 1;
        for (int i = 0; i < this.tokens.size(); i++) {
            String t = this.tokens.get(i);
            if (t.isEmpty() || ids.put(t, i) != null) {
                throw new IllegalArgumentException("vocabulary token " + i + " is empty or repeated: '" + t + "'");
            }
            longest = Math.max(longest, t.length());
        }
        this.longestToken = longest;
    }

    /**
     * The tokens seen at least {@code minCount} times in {@code tokenized} (plus the reserved ones),
     * most frequent first, ties in alphabetical order, so the same captions give the same ids.
     */
    public static Vocabulary build(Iterable<List<String>> tokenized, int minCount) {
        Map<String, Integer> counts = new TreeMap<>();
        for (List<String> sentence : tokenized) {
            for (String t : sentence) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> b.getValue().equals(a.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue());
        List<String> list = new ArrayList<>(List.of(PAD, UNK, BOS, EOS));
        for (Map.Entry<String, Integer> e : entries) {
            if (e.getValue() >= minCount && !list.contains(e.getKey())) {
                list.add(e.getKey());
            }
        }
        return new Vocabulary(list);
    }

    public int size() {
        return tokens.size();
    }

    /** The id of {@code token}, or {@link #UNK_ID}. */
    public int id(String token) {
        return ids.getOrDefault(token, UNK_ID);
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    public String token(int id) {
        return tokens.get(id);
    }

    /** All tokens in id order (for model files). */
    public List<String> tokens() {
        return Collections.unmodifiableList(tokens);
    }

    int longestToken() {
        return longestToken;
    }
}
