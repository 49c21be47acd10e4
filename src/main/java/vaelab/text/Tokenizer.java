package vaelab.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits text into tokens, for English and Chinese alike:
 * <ul>
 *   <li>Latin-script words are lower-cased; letters, digits, apostrophes and inner hyphens make a word
 *       ("snow-capped" stays one token);</li>
 *   <li>every punctuation mark (ASCII or full-width: ，、。！？ …) is a token of its own;</li>
 *   <li>a run of Chinese characters is cut by longest match against a word list (the vocabulary, and
 *       the scenes' lexicon), a single character where no word matches;</li>
 *   <li>white space separates and is dropped.</li>
 * </ul>
 * {@link #encode} maps tokens to ids, unknown ones to &lt;unk&gt;, and cuts at a maximum length,
 * reporting what it did.
 */
public final class Tokenizer {
    private final Set<String> chineseWords;
    private final int longestWord;

    /** A tokenizer that segments Chinese with {@code chineseWords} (multi-character words). */
    public Tokenizer(Set<String> chineseWords) {
        this.chineseWords = Set.copyOf(chineseWords);
        int longest = 1;
        for (String w : chineseWords) {
            longest = Math.max(longest, w.length());
        }
        this.longestWord = longest;
    }

    /** The tokens of {@code text}, in order. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isISOControl(cp) || invisible(cp)) {
                i += len; // an emoji's variation selector or a zero-width joiner is no word
            } else if (isHan(cp)) {
                int end = i;
                while (end < n && isHan(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                segmentChinese(text.substring(i, end), out);
                i = end;
            } else if (Character.isLetterOrDigit(cp)) {
                int end = i + len;
                while (end < n) {
                    int c = text.codePointAt(end);
                    boolean joiner = (c == '\'' || c == '-') && end + 1 < n && Character.isLetterOrDigit(text.codePointAt(end + 1))
                            && !isHan(text.codePointAt(end + 1));
                    if ((Character.isLetterOrDigit(c) && !isHan(c)) || joiner || combining(c)) {
                        end += Character.charCount(c);
                    } else {
                        break;
                    }
                }
                out.add(lower(text.substring(i, end)));
                i = end;
            } else {
                out.add(lower(new String(Character.toChars(cp)))); // punctuation and symbols, one each
                i += len;
            }
        }
        return out;
    }

    /** Format characters (zero-width joiners, marks of direction) and marks with no letter to sit on. */
    static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** An accent written as its own code point after a letter (e + ◌́) belongs to the word. */
    private static boolean combining(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /**
     * Lower case code point by code point: no context rules (final sigma) and no change of length
     * (String.toLowerCase turns İ into two chars), so a token's case fold never depends on its neighbours.
     */
    static String lower(String word) {
        StringBuilder sb = new StringBuilder(word.length());
        word.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
        return sb.toString();
    }

    private void segmentChinese(String run, List<String> out) {
        int i = 0;
        while (i < run.length()) {
            int match = 1;
            for (int len = Math.min(longestWord, run.length() - i); len >= 2; len--) {
                if (chineseWords.contains(run.substring(i, i + len))) {
                    match = len;
                    break;
                }
            }
            out.add(run.substring(i, i + match));
            i += match;
        }
    }

    /** Whether a code point is a Chinese character. */
    public static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /** Ids of a text: at most {@code maxLength} tokens, with what was cut or unknown. */
    public record Encoded(int[] ids, List<String> tokens, int droppedTokens, List<String> unknown) {
        public boolean truncated() {
            return droppedTokens > 0;
        }
    }

    public Encoded encode(String text, Vocabulary vocabulary, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maximum length must be at least 1, got " + maxLength);
        }
        List<String> tokens = tokenize(text);
        int keep = Math.min(maxLength, tokens.size());
        int[] ids = new int[keep];
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < keep; i++) {
            ids[i] = vocabulary.id(tokens.get(i));
            if (ids[i] == Vocabulary.UNK_ID && !unknown.contains(tokens.get(i))) {
                unknown.add(tokens.get(i));
            }
        }
        return new Encoded(ids, List.copyOf(tokens.subList(0, keep)), tokens.size() - keep, unknown);
    }

    /** Joins tokens back into text: spaces between Latin words, none around Chinese or before punctuation. */
    public static String detokenize(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        String previous = null;
        for (String t : tokens) {
            if (previous != null && needsSpace(previous, t)) {
                sb.append(' ');
            }
            sb.append(t);
            previous = t;
        }
        return sb.toString();
    }

    private static boolean needsSpace(String previous, String next) {
        int a = previous.codePointBefore(previous.length());
        int b = next.codePointAt(0);
        return Character.isLetterOrDigit(a) && !isHan(a) && (Character.isLetterOrDigit(b) && !isHan(b))
                || (a == ',' && !isHan(b));
    }
}
