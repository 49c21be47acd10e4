package vaelab.model;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vaelab.text.Tokenizer;
import vaelab.text.Vocabulary;

/**
 * Words a model's vocabulary lacks, read as a word it knows with the same meaning: "creek" → a
 * water word, 夜晚 → a night word, "hill" → "hills". The vocabulary holds only the words of the
 * training captions, while people write "deer by a creek"; without this the text expert would see
 * unknown-word tokens where the keyword tables see a scene. The substitute is the known word of the
 * same meaning with the lowest id, in the same script (a Latin word for a Latin one, Chinese for
 * Chinese). Only unknown words change, so a caption whose words are all known reads as before.
 */
final class WordSubstitutes {
    private final Vocabulary vocabulary;
    private final Function<String, String> meaning;
    private final Map<String, String> known = new HashMap<>(); // meaning and script → the known word

    WordSubstitutes(Vocabulary vocabulary, Function<String, String> meaning) {
        this.vocabulary = vocabulary;
        this.meaning = meaning;
        for (int id = 0; id < vocabulary.size(); id++) {
            String word = vocabulary.token(id);
            String m = meaning.apply(word);
            if (m != null) {
                known.putIfAbsent(key(m, word), word);
            }
        }
    }

    /** The word itself when the vocabulary knows it or nothing known means the same, else its substitute. */
    String substitute(String word) {
        if (vocabulary.id(word) != Vocabulary.UNK_ID) {
            return word;
        }
        String m = meaning.apply(word);
        return m == null ? word : known.getOrDefault(key(m, word), word);
    }

    /** Each token that changes, with what it becomes, in order of first appearance. */
    Map<String, String> changes(List<String> tokens) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : tokens) {
            String s = substitute(t);
            if (!s.equals(t)) {
                out.putIfAbsent(t, s);
            }
        }
        return out;
    }

    private static String key(String meaning, String word) {
        boolean han = !word.isEmpty() && Tokenizer.isHan(word.codePointAt(0));
        return meaning + (han ? "/han" : "/latin");
    }
}
