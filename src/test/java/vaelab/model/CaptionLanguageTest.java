package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vaelab.api.TextImageModel;
import vaelab.data.scenes.Language;
import vaelab.data.scenes.ScenesDataset;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.Tokenizer;
import vaelab.text.Vocabulary;

/** Captions of 2,000 test pictures by each shipped model, in each language and in the model's own choice: never mixed. */
class CaptionLanguageTest {
    static final int N = 2_000;

    private static boolean hasChinese(String s) {
        return s.codePoints().anyMatch(c -> Tokenizer.isHan(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF));
    }

    private static boolean hasLatin(String s) {
        return s.codePoints().anyMatch(c -> c < 0x250 && Character.isLetter(c));
    }

    @Test
    void captionsAreInTheLanguageAskedAndNeverInBoth() throws Exception {
        ScenesDataset test = ScenesDataset.generate(ScenesDataset.Split.TEST, N);
        Tensor images = Tensor.of(test.pixels(), N, 3, 32, 32);
        for (Path file : List.of(Path.of("data/models/scenes.vae"), Path.of("data/models/scenes-discrete.vae"))) {
            TextImageNetwork m = TextImageModel.load(file).network();
            List<String> en = m.captionsOf(images, Language.ENGLISH, new Rng(1));
            List<String> zh = m.captionsOf(images, Language.CHINESE, new Rng(1));
            List<String> own = m.captionsOf(images, null, new Rng(1));
            for (int i = 0; i < N; i++) {
                assertThat(hasChinese(en.get(i))).as("%s, English caption %d: %s", file, i, en.get(i)).isFalse();
                assertThat(hasLatin(en.get(i))).as("%s, English caption %d: %s", file, i, en.get(i)).isTrue();
                assertThat(hasLatin(zh.get(i))).as("%s, Chinese caption %d: %s", file, i, zh.get(i)).isFalse();
                assertThat(hasChinese(zh.get(i))).as("%s, Chinese caption %d: %s", file, i, zh.get(i)).isTrue();
                assertThat(hasLatin(own.get(i)) && hasChinese(own.get(i))).as("%s, caption %d: %s", file, i, own.get(i)).isFalse();
            }
        }
    }

    @Test
    void tokensAreSortedByScriptAndTheSpecialOnesBelongToNeither() {
        Vocabulary v = new Vocabulary(List.of(Vocabulary.PAD, Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS, "river", "河流", "，", ",", "3"));
        CaptionLanguage c = CaptionLanguage.of(v);
        assertThat(c.languageOf(4)).isEqualTo(Language.ENGLISH);
        assertThat(c.languageOf(5)).isEqualTo(Language.CHINESE);
        assertThat(c.languageOf(6)).isEqualTo(Language.CHINESE);
        assertThat(c.languageOf(7)).isNull();
        assertThat(c.languageOf(8)).isNull();
        for (int id = 0; id <= Vocabulary.EOS_ID; id++) {
            assertThat(c.languageOf(id)).isNull();
        }
        assertThat(c.of(null, List.of(7, 5, 4))).isEqualTo(Language.CHINESE);
        assertThat(c.of(Language.ENGLISH, List.of(5))).isEqualTo(Language.ENGLISH);
        assertThat(c.of(null, List.of(7))).isNull();
        float[] logits = new float[9];
        c.keepTo(Language.ENGLISH, logits, 0, 9);
        assertThat(logits[5]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[6]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[4]).isZero();
        assertThat(logits[Vocabulary.EOS_ID]).isZero();
    }
}
