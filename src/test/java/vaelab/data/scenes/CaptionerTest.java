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

    @Test
    void aPlainCaptionNamesWhatItIsGivenInTheGeneratorsWords() {
        assertThat(Captioner.plain(SceneKeywords.extract("flowers everywhere on a bright sunny meadow"), Language.ENGLISH))
                .isEqualTo("a scene with a meadow and flowers under a sunny sky");
        assertThat(Captioner.plain(SceneKeywords.extract("deer by a creek in the woods"), Language.ENGLISH))
                .isEqualTo("a scene with a clear river, green trees and a few animals");
        assertThat(Captioner.plain(SceneKeywords.extract("夜晚的森林和小河"), Language.CHINESE))
                .isEqualTo("这是一个场景，有清澈的河流和绿树，天上是夜空");
        assertThat(Captioner.plain(SceneKeywords.extract(SHOWCASE_ZH), Language.CHINESE))
                .isEqualTo("这是一个积极向上的场景，有山峰、清澈的河流和一群野生动物");
        assertThat(Captioner.plain(SceneKeywords.extract("a gloomy night"), Language.ENGLISH)).isEqualTo("a gloomy scene with a night sky");
        assertThat(Captioner.plain(SceneKeywords.extract("a happy day"), Language.ENGLISH)).isEqualTo("a positive, uplifting scene");
        assertThat(Captioner.plain(SceneKeywords.extract("快乐"), Language.CHINESE)).isEqualTo("这是一个积极向上的场景");
        assertThat(Captioner.plain(SceneKeywords.extract("a spaceship"), Language.ENGLISH)).isNull();
    }

    @Test
    void everyPlainCaptionReadsBackAsWhatItNamesInWordsTheCaptionsUse() {
        Set<String> captionWords = new HashSet<>();
        Rng rng = new Rng(8);
        for (int i = 0; i < 20_000; i++) {
            captionWords.addAll(ScenesText.tokenizer().tokenize(Captioner.caption(Scene.random(rng), Language.values()[i % 2], rng)));
        }
        int checked = 0;
        for (Language lang : Language.values()) {
            for (Scene.Sky sky : withNull(Scene.Sky.values())) {
                for (Scene.Land land : withNull(Scene.Land.values())) {
                    for (boolean snow : new boolean[] {false, true}) {
                        if (snow && land != Scene.Land.MOUNTAINS) {
                            continue;
                        }
                        for (Scene.Water water : withNull(Scene.Water.CLEAR, Scene.Water.MUDDY)) {
                            for (Scene.Plants plants : withNull(Scene.Plants.GREEN_TREES, Scene.Plants.BARE_TREES, Scene.Plants.FLOWERS)) {
                                for (Scene.Animals animals : withNull(Scene.Animals.FEW, Scene.Animals.GROUP)) {
                                    for (Boolean positive : new Boolean[] {null, true, false}) {
                                        SceneKeywords.Result named = new SceneKeywords.Result(sky, land, snow, water, plants, animals, positive,
                                                List.of(), List.of());
                                        String caption = Captioner.plain(named, lang);
                                        if (named.empty()) {
                                            assertThat(caption).isNull();
                                            continue;
                                        }
                                        SceneKeywords.Result back = SceneKeywords.extract(caption);
                                        assertThat(back.attributes()).as(caption).isEqualTo(named.attributes());
                                        assertThat(back.unknownWords()).as(caption).isEmpty();
                                        List<String> tokens = ScenesText.tokenizer().tokenize(caption);
                                        assertThat(captionWords).as(caption).containsAll(tokens);
                                        assertThat(tokens.size()).as(caption).isLessThanOrEqualTo(30); // the models' limit
                                        assertThat(Language.of(caption)).isEqualTo(lang);
                                        checked++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(2 * (6 * 6 * 3 * 4 * 3 * 3 - 1));
    }

    @SafeVarargs
    private static <T> List<T> withNull(T... values) {
        List<T> out = new java.util.ArrayList<>();
        out.add(null);
        out.addAll(List.of(values));
        return out;
    }

    @Test
    void theLanguageOfATextIsItsMainScript() {
        assertThat(Language.of("a meadow")).isEqualTo(Language.ENGLISH);
        assertThat(Language.of("草地和鲜花")).isEqualTo(Language.CHINESE);
        assertThat(Language.of("草地 with flowers and a river")).isEqualTo(Language.ENGLISH);
        assertThat(Language.of("123 !?")).isEqualTo(Language.ENGLISH);
    }
}
