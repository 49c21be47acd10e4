package vaelab.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import vaelab.data.scenes.ScenesText;

class TokenizerTest {
    final Tokenizer tok = ScenesText.tokenizer();

    @Test
    void englishIsLowerCasedAndPunctuationSplit() {
        assertThat(tok.tokenize("A positive, uplifting scene with beautiful Mountains, a clear river!"))
                .containsExactly("a", "positive", ",", "uplifting", "scene", "with", "beautiful", "mountains", ",", "a",
                        "clear", "river", "!");
        assertThat(tok.tokenize("snow-capped peaks, don't")).containsExactly("snow-capped", "peaks", ",", "don't");
    }

    @Test
    void chineseIsCutByLongestMatch() {
        assertThat(tok.tokenize("这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物"))
                .containsExactly("这是", "一个", "积极向上", "的", "场景", "，", "有", "美丽", "的", "山峰", "、", "清澈",
                        "的", "河流", "和", "一群", "野生动物");
        // Unknown words fall back to single characters.
        assertThat(tok.tokenize("火箭")).containsExactly("火", "箭");
    }

    @Test
    void edgeCases() {
        assertThat(tok.tokenize("")).isEmpty();
        assertThat(tok.tokenize("   \t\n")).isEmpty();
        assertThat(tok.tokenize("?!…，。")).containsExactly("?", "!", "…", "，", "。");
        assertThat(tok.tokenize("mountains和river山峰")).containsExactly("mountains", "和", "river", "山峰");
        String huge = "a clear river,清澈的河流。".repeat(5_000); // 100,000 characters
        assertThat(huge).hasSize(100_000);
        List<String> tokens = tok.tokenize(huge);
        assertThat(tokens).hasSize(5_000 * 8);
    }

    @Test
    void encodingReportsUnknownsAndTruncation() {
        Vocabulary v = Vocabulary.build(List.of(tok.tokenize("a clear river"), tok.tokenize("清澈的河流")), 1);
        Tokenizer.Encoded e = v == null ? null : tok.encode("a clear purple river near 火山", v, 5);
        assertThat(e.tokens()).containsExactly("a", "clear", "purple", "river", "near");
        assertThat(e.truncated()).isTrue();
        assertThat(e.droppedTokens()).isEqualTo(2);
        assertThat(e.unknown()).containsExactly("purple", "near");
        assertThat(e.ids()[2]).isEqualTo(Vocabulary.UNK_ID);
        Tokenizer.Encoded onlyUnknown = tok.encode("zebra quokka", v, 10);
        assertThat(onlyUnknown.ids()).containsOnly(Vocabulary.UNK_ID);
        assertThat(tok.encode("", v, 10).ids()).isEmpty();
        assertThatThrownBy(() -> tok.encode("x", v, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void vocabularyIsDeterministicAndReserved() {
        List<List<String>> text = List.of(List.of("b", "a", "b"), List.of("c", "a", "b"));
        Vocabulary v = Vocabulary.build(text, 1);
        assertThat(v.tokens()).containsExactly("<pad>", "<unk>", "<bos>", "<eos>", "b", "a", "c");
        assertThat(Vocabulary.build(text, 2).tokens()).containsExactly("<pad>", "<unk>", "<bos>", "<eos>", "b", "a");
        assertThat(new Vocabulary(v.tokens()).id("c")).isEqualTo(6);
        assertThatThrownBy(() -> new Vocabulary(List.of("a", "b"))).hasMessageContaining("starts with");
        assertThatThrownBy(() -> new Vocabulary(List.of("<pad>", "<unk>", "<bos>", "<eos>", "x", "x"))).hasMessageContaining("repeated");
    }

    @Test
    void detokenizeRestoresCaptions() {
        String en = "a positive, uplifting scene with beautiful mountains, a clear river and a group of wild animals";
        String zh = "这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物";
        assertThat(Tokenizer.detokenize(tok.tokenize(en))).isEqualTo(en);
        assertThat(Tokenizer.detokenize(tok.tokenize(zh))).isEqualTo(zh);
    }

    @Property(tries = 2000)
    void anyTextTokenizesWithoutLosingNonSpaceCharacters(@ForAll String text) {
        List<String> tokens = tok.tokenize(text);
        // Invisible characters (format characters, marks) are dropped, or kept inside the word they accent:
        // compared without them, nothing else is lost.
        String joined = String.join("", tokens).codePoints().filter(cp -> !Tokenizer.invisible(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        String expected = text.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isISOControl(cp)
                        && !Tokenizer.invisible(cp))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        // The tokenizer lower-cases code point by code point (no context, no change of length).
        assertThat(joined).isEqualTo(Tokenizer.lower(expected));
        assertThat(tokens).noneMatch(String::isEmpty);
    }

    @Test
    void lowerCasingIgnoresContext() {
        assertThat(tok.tokenize("AΣ İstanbul")).containsExactly("aσ", "istanbul");
    }

    @Test
    void segmentationUsesOnlyTheGivenWords() {
        Tokenizer plain = new Tokenizer(Set.of());
        assertThat(plain.tokenize("山峰")).containsExactly("山", "峰");
    }

    @Test
    void invisibleCharactersAreNoWordsAndAccentsStayWithTheirLetters() {
        Tokenizer t = vaelab.data.scenes.ScenesText.tokenizer();
        // 🌻 with the emoji variation selector U+FE0F, and a zero-width joiner between two words.
        assertThat(t.tokenize("a meadow \uD83C\uDF3B\uFE0F with\u200Dflowers")).containsExactly("a", "meadow", "\uD83C\uDF3B", "with", "flowers");
        assertThat(t.tokenize("\uFE0F")).isEmpty();
        // "café" with its accent as a code point of its own is one word.
        assertThat(t.tokenize("cafe\u0301 by the lake")).containsExactly("cafe\u0301", "by", "the", "lake");
    }
}
