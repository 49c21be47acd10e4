package vaelab.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;

class CaptionerTest {
    static final String SHOWCASE_ZH = "这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物";
    static final String SHOWCASE_EN = "a positive, uplifting scene with beautiful mountains, a clear river and a group of wild animals";

    /** The first seed below {@code limit} whose caption of {@code s} is {@code target}, or −1. */
    static long seedFor(Scene s, Language lang, String target, long limit) {
        for (long seed = 0; seed < limit; seed++) {
            if (Captioner.caption(s, lang, new Rng(seed)).equals(target)) {
                return seed;
            }
        }
        return -1;
    }

    @Test
    void theShowcaseSentencesAreInTheGeneratorsLanguage() {
        Scene s = new Scene(Scene.Sky.SUNNY, Scene.Land.MOUNTAINS, false, Scene.Water.CLEAR, Scene.Plants.NONE, Scene.Animals.GROUP);
        assertThat(s.positive()).isTrue();
        assertThat(seedFor(s, Language.CHINESE, SHOWCASE_ZH, 2_000_000)).isNotNegative();
        assertThat(seedFor(s, Language.ENGLISH, SHOWCASE_EN, 2_000_000)).isNotNegative();
    }

    @Test
    void moodWordsAgreeWithTheLabel() {
        List<String> positiveWords = List.of("positive", "uplifting", "beautiful", "peaceful", "lovely", "积极", "美丽", "宁静", "美好", "可爱");
        List<String> negativeWords = List.of("gloomy", "bleak", "dreary", "sad", "lonely", "阴郁", "荒凉", "阴沉", "凄凉", "孤独");
        Rng rng = new Rng(1);
        int withMood = 0;
        for (int i = 0; i < 5000; i++) {
            Scene s = Scene.random(rng);
            String c = Captioner.caption(s, i % 2 == 0 ? Language.ENGLISH : Language.CHINESE, rng);
            List<String> wrong = s.positive() ? negativeWords : positiveWords;
            List<String> right = s.positive() ? positiveWords : negativeWords;
            for (String w : wrong) {
                assertThat(c).as("%s (%s)", c, s).doesNotContain(w);
            }
            withMood += right.stream().anyMatch(c::contains) ? 1 : 0;
        }
        assertThat(withMood).isBetween(2500, 3500); // about 60% carry mood words
    }

    @Test
    void eachLanguageStaysInItsScript() {
        Rng rng = new Rng(2);
        for (int i = 0; i < 2000; i++) {
            Scene s = Scene.random(rng);
            String en = Captioner.caption(s, Language.ENGLISH, rng);
            String zh = Captioner.caption(s, Language.CHINESE, rng);
            assertThat(en).matches("[a-z ,\\-]+");
            assertThat(zh.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                    || cp == '，' || cp == '、')).as(zh).isTrue();
        }
    }

    @Test
    void manyPhrasingsOfOneScene() {
        Scene s = new Scene(Scene.Sky.STORMY, Scene.Land.DESERT, false, Scene.Water.MUDDY, Scene.Plants.BARE_TREES, Scene.Animals.FEW);
        Rng rng = new Rng(3);
        Set<String> en = new HashSet<>();
        Set<String> zh = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            en.add(Captioner.caption(s, Language.ENGLISH, rng));
            zh.add(Captioner.caption(s, Language.CHINESE, rng));
        }
        assertThat(en).hasSizeGreaterThan(500);
        assertThat(zh).hasSizeGreaterThan(500);
    }

    @Test
    void joiningAndAdjectives() {
        assertThat(Captioner.join(List.of("a", "b", "c"), Language.ENGLISH)).isEqualTo("a, b and c");
        assertThat(Captioner.join(List.of("山峰", "河流"), Language.CHINESE)).isEqualTo("山峰和河流");
        assertThat(Captioner.withAdjective("beautiful", "a meadow", Language.ENGLISH)).isEqualTo("a beautiful meadow");
        assertThat(Captioner.withAdjective("eerie", "a desert", Language.ENGLISH)).isEqualTo("an eerie desert");
        assertThat(Captioner.withAdjective("bleak", "hills", Language.ENGLISH)).isEqualTo("bleak hills");
        assertThat(Captioner.withAdjective("美丽的", "山峰", Language.CHINESE)).isEqualTo("美丽的山峰");
    }
}
