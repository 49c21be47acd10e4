package vaelab.model;

import java.util.List;
import vaelab.data.scenes.Language;
import vaelab.text.Tokenizer;
import vaelab.text.Vocabulary;

/**
 * Keeps a caption in one language while it is written. The scene models learnt from captions in
 * English and in Chinese with one vocabulary, so a caption written token by token can wander from one
 * into the other ("brown dunes, brown泥泞"). Before each token is drawn, the tokens of the other
 * language are given no chance: the language asked for, or, when none is asked for, the language of
 * the first token of the caption that has one. Tokens of neither (punctuation, digits, the end token)
 * may follow either.
 */
public final class CaptionLanguage {
    private final boolean[] english; // ids of tokens with Latin letters
    private final boolean[] chinese; // ids of tokens with Han characters or CJK punctuation

    private CaptionLanguage(boolean[] english, boolean[] chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    public static CaptionLanguage of(Vocabulary v) {
        boolean[] en = new boolean[v.size()];
        boolean[] zh = new boolean[v.size()];
        for (int id = Vocabulary.EOS_ID + 1; id < v.size(); id++) {
            String t = v.token(id);
            en[id] = t.codePoints().anyMatch(c -> c < 0x250 && Character.isLetter(c));
            zh[id] = t.codePoints().anyMatch(c -> Tokenizer.isHan(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF));
        }
        return new CaptionLanguage(en, zh);
    }

    /** The language of a token, or null for one of neither (punctuation, digits, special tokens). */
    public Language languageOf(int id) {
        return english[id] ? Language.ENGLISH : chinese[id] ? Language.CHINESE : null;
    }

    /** The language a caption is in: {@code asked}, else that of its first token that has one, else null (still open). */
    public Language of(Language asked, List<Integer> writtenSoFar) {
        if (asked != null) {
            return asked;
        }
        for (int id : writtenSoFar) {
            Language l = languageOf(id);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /** Sets to −∞ the logits logits[off … off + n) of the tokens not of {@code language}; null leaves all. */
    public void keepTo(Language language, float[] logits, int off, int n) {
        if (language == null) {
            return;
        }
        boolean[] other = language == Language.ENGLISH ? chinese : english;
        for (int id = 0; id < n; id++) {
            if (other[id]) {
                logits[off + id] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
