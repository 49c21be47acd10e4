package vaelab.model;

import java.util.ArrayList;
import java.util.List;
import vaelab.data.scenes.ScenesText;
import vaelab.text.Tokenizer;
import vaelab.text.Vocabulary;

/**
 * The vocabulary of a set of training captions (every token seen, in the deterministic order of
 * {@link Vocabulary#build}) and the length of the longest caption in tokens: what a new cross-modal
 * model is sized from.
 */
public record CaptionVocabulary(Vocabulary vocabulary, int longest) {
    public static CaptionVocabulary of(List<String> captions) {
        Tokenizer tokenizer = ScenesText.tokenizer();
        List<List<String>> tokens = new ArrayList<>(captions.size());
        int longest = 1;
        for (String c : captions) {
            List<String> t = tokenizer.tokenize(c);
            tokens.add(t);
            longest = Math.max(longest, t.size());
        }
        return new CaptionVocabulary(Vocabulary.build(tokens, 1), longest);
    }
}
