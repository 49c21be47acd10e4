package vaelab.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;

class SceneKeywordsTest {
    @Test
    void theShowcaseInBothLanguagesSaysTheSameThing() {
        SceneKeywords.Result zh = SceneKeywords.extract(CaptionerTest.SHOWCASE_ZH);
        SceneKeywords.Result en = SceneKeywords.extract(CaptionerTest.SHOWCASE_EN);
        for (SceneKeywords.Result r : new SceneKeywords.Result[] {zh, en}) {
            assertThat(r.land()).isEqualTo(Scene.Land.MOUNTAINS);
            assertThat(r.water()).isEqualTo(Scene.Water.CLEAR);
            assertThat(r.animals()).isEqualTo(Scene.Animals.GROUP);
            assertThat(r.positive()).isTrue();
            assertThat(r.sky()).isNull();
            assertThat(r.plants()).isNull();
            assertThat(r.unknownWords()).isEmpty();
        }
        assertThat(zh.attributes()).isEqualTo(en.attributes());
        assertThat(zh.keywords()).contains("山峰", "清澈 河流", "一群 野生动物", "积极向上");
    }

    @Test
    void aNegativeCounterpart() {
        SceneKeywords.Result r = SceneKeywords.extract("a gloomy stormy night with bare trees and a muddy river");
        assertThat(r.sky()).isEqualTo(Scene.Sky.STORMY); // the first sky word wins
        assertThat(r.plants()).isEqualTo(Scene.Plants.BARE_TREES);
        assertThat(r.water()).isEqualTo(Scene.Water.MUDDY);
        assertThat(r.positive()).isFalse();
        SceneKeywords.Result zh = SceneKeywords.extract("一个阴郁的暴风雨之夜，有枯树和浑浊的河流");
        assertThat(zh.sky()).isEqualTo(Scene.Sky.STORMY);
        assertThat(zh.plants()).isEqualTo(Scene.Plants.BARE_TREES);
        assertThat(zh.water()).isEqualTo(Scene.Water.MUDDY);
        assertThat(zh.positive()).isFalse();
    }

    @Test
    void unknownWordsAreReported() {
        SceneKeywords.Result r = SceneKeywords.extract("a spaceship landing on snowy peaks");
        assertThat(r.land()).isEqualTo(Scene.Land.MOUNTAINS);
        assertThat(r.snow()).isTrue();
        assertThat(r.unknownWords()).containsExactly("spaceship", "landing");
        SceneKeywords.Result none = SceneKeywords.extract("quantum chromodynamics");
        assertThat(none.empty()).isTrue();
        assertThat(none.unknownWords()).containsExactly("quantum", "chromodynamics");
        assertThat(SceneKeywords.extract("").empty()).isTrue();
        assertThat(SceneKeywords.extract("!!! ...").unknownWords()).isEmpty();
    }

    @Test
    void everyChineseCueIsOneWord() {
        // Cues no caption uses must still come out of the tokenizer whole, or they are never read.
        assertThat(SceneKeywords.extract("夜晚的森林").plants()).isEqualTo(Scene.Plants.GREEN_TREES);
        assertThat(SceneKeywords.extract("晴天").sky()).isEqualTo(Scene.Sky.SUNNY);
        assertThat(SceneKeywords.extract("干净的河").water()).isEqualTo(Scene.Water.CLEAR);
        assertThat(SceneKeywords.extract("碧绿的湖").water()).isEqualTo(Scene.Water.CLEAR);
        assertThat(SceneKeywords.extract("一个消极的场景").positive()).isFalse();
    }

    @Test
    void aSkyIsReadFromTheWordBeforeIt() {
        assertThat(SceneKeywords.extract("a meadow under a clear blue sky").sky()).isEqualTo(Scene.Sky.SUNNY);
        assertThat(SceneKeywords.extract("green trees and clear skies").sky()).isEqualTo(Scene.Sky.SUNNY);
        assertThat(SceneKeywords.extract("a grey sky over the hills").sky()).isEqualTo(Scene.Sky.CLOUDY);
        assertThat(SceneKeywords.extract("灰色的天空").sky()).isEqualTo(Scene.Sky.CLOUDY);
        assertThat(SceneKeywords.extract("a dark sky").sky()).as("night or storm: not said").isNull();
        // The sky took "clear"; the river after it has no qualifier left and is read as clear anyway.
        SceneKeywords.Result r = SceneKeywords.extract("a clear sky over a muddy river");
        assertThat(r.sky()).isEqualTo(Scene.Sky.SUNNY);
        assertThat(r.water()).isEqualTo(Scene.Water.MUDDY);
        assertThat(SceneKeywords.extract("a clear river under the sky").sky()).isNull();
        assertThat(SceneKeywords.extract("a clear river under the sky").water()).isEqualTo(Scene.Water.CLEAR);
    }

    @Test
    void everydayWordsForWhatAScenesShowsAreRead() {
        SceneKeywords.Result en = SceneKeywords.extract("wolves on a hillside by a swamp at dawn, a serene garden");
        assertThat(en.animals()).isEqualTo(Scene.Animals.FEW);
        assertThat(en.land()).isEqualTo(Scene.Land.HILLS);
        assertThat(en.water()).as("a swamp is muddy water").isEqualTo(Scene.Water.MUDDY);
        assertThat(en.sky()).isEqualTo(Scene.Sky.SUNSET);
        assertThat(en.plants()).isEqualTo(Scene.Plants.FLOWERS);
        assertThat(en.positive()).isTrue();
        assertThat(en.unknownWords()).isEmpty();
        SceneKeywords.Result zh = SceneKeywords.extract("傍晚的山谷里有一群骆驼，旁边是池塘和树林");
        assertThat(zh.sky()).isEqualTo(Scene.Sky.SUNSET);
        assertThat(zh.land()).isEqualTo(Scene.Land.HILLS);
        assertThat(zh.animals()).isEqualTo(Scene.Animals.GROUP);
        assertThat(zh.water()).isEqualTo(Scene.Water.CLEAR);
        assertThat(zh.plants()).isEqualTo(Scene.Plants.GREEN_TREES);
        assertThat(zh.unknownWords()).isEmpty();
        assertThat(SceneKeywords.extract("a foggy morning").sky()).as("the first sky word wins").isEqualTo(Scene.Sky.CLOUDY);
        assertThat(SceneKeywords.extract("an eerie pasture").positive()).isFalse();
    }

    @Test
    void whatASentenceDeniesIsNotThere() {
        SceneKeywords.Result r = SceneKeywords.extract("a desert with no trees");
        assertThat(r.land()).isEqualTo(Scene.Land.DESERT);
        assertThat(r.plants()).isEqualTo(Scene.Plants.NONE);
        assertThat(r.keywords()).containsExactly("desert", "no trees");
        assertThat(SceneKeywords.extract("a meadow without any animals").animals()).isEqualTo(Scene.Animals.NONE);
        assertThat(SceneKeywords.extract("没有树的沙漠").plants()).isEqualTo(Scene.Plants.NONE);
        assertThat(SceneKeywords.extract("没有叶子的树").plants()).as("trees without leaves").isEqualTo(Scene.Plants.BARE_TREES);
        assertThat(SceneKeywords.extract("沙漠里没有任何动物").animals()).isEqualTo(Scene.Animals.NONE);
        assertThat(SceneKeywords.extract("一望无际的草原").land()).as("boundless, not denied").isEqualTo(Scene.Land.MEADOW);
        assertThat(SceneKeywords.extract("无边的草原").land()).isEqualTo(Scene.Land.MEADOW);
        assertThat(SceneKeywords.extract("无数的动物").animals()).as("countless").isEqualTo(Scene.Animals.GROUP);
        assertThat(SceneKeywords.extract("no trees, but flowers").plants()).isEqualTo(Scene.Plants.FLOWERS);
        assertThat(SceneKeywords.extract("flowers but no trees").plants()).isEqualTo(Scene.Plants.FLOWERS);
        assertThat(SceneKeywords.extract("a sky with no clouds").sky()).isNull();
        SceneKeywords.Result snowless = SceneKeywords.extract("hills with no snow");
        assertThat(snowless.snow()).isFalse();
        assertThat(snowless.land()).isEqualTo(Scene.Land.HILLS);
        assertThat(SceneKeywords.extract("no water and a few animals").animals()).as("the denial ends with its clause")
                .isEqualTo(Scene.Animals.FEW);
        assertThat(TextSentiment.positiveProbability(SceneKeywords.extract("a meadow with flowers and no animals")))
                .isNotEqualTo(TextSentiment.positiveProbability(SceneKeywords.extract("a meadow with flowers")));
        assertThat(Captioner.plain(r, Language.ENGLISH)).as("captions never deny: the thing goes unsaid").isEqualTo("a scene with a desert");
        assertThat(Captioner.plain(SceneKeywords.extract("no animals"), Language.ENGLISH)).isEqualTo("a scene");
        assertThat(Captioner.plain(SceneKeywords.extract("没有动物"), Language.CHINESE)).isEqualTo("这是一个场景");
    }

    @Test
    void unknownChineseIsReportedAsWordsNotCharacters() {
        assertThat(SceneKeywords.extract("花园里开满了玫瑰，阳光明媚").unknownWords()).containsExactly("开满", "明媚");
        assertThat(SceneKeywords.extract("明媚的草地，明媚").unknownWords()).containsExactly("明媚");
        assertThat(SceneKeywords.extract("a 明 b 媚").unknownWords()).containsExactly("明", "b", "媚");
    }

    @Test
    void qualifiersDoNotCrossClauses() {
        // "clear" belongs to the sky clause; the river after "and" has no qualifier of its own.
        SceneKeywords.Result r = SceneKeywords.extract("a muddy field and a river");
        assertThat(r.water()).isEqualTo(Scene.Water.CLEAR);
        assertThat(SceneKeywords.extract("a dirty stream").water()).isEqualTo(Scene.Water.MUDDY);
        assertThat(SceneKeywords.extract("some deer").animals()).isEqualTo(Scene.Animals.FEW);
        assertThat(SceneKeywords.extract("a herd of deer").animals()).isEqualTo(Scene.Animals.GROUP);
    }

    @Test
    void everyGeneratedCaptionIsReadCorrectly() {
        Rng rng = new Rng(4);
        int found = 0;
        int mentioned = 0;
        for (int i = 0; i < 4000; i++) {
            Scene s = Scene.random(rng);
            String caption = Captioner.caption(s, i % 2 == 0 ? Language.ENGLISH : Language.CHINESE, rng);
            SceneKeywords.Result r = SceneKeywords.extract(caption);
            String why = caption + " → " + r.attributes() + " for " + s;
            assertThat(r.unknownWords()).as(why).isEmpty();
            if (r.sky() != null) {
                assertThat(r.sky()).as(why).isEqualTo(s.sky());
            }
            if (r.land() != null) {
                assertThat(r.land()).as(why).isEqualTo(s.land());
            }
            if (r.snow()) {
                assertThat(s.snow()).as(why).isTrue();
            }
            if (r.water() != null) {
                assertThat(r.water()).as(why).isEqualTo(s.water());
            }
            if (r.plants() != null) {
                assertThat(r.plants()).as(why).isEqualTo(s.plants());
            }
            if (r.animals() != null) {
                assertThat(r.animals()).as(why).isEqualTo(s.animals());
            }
            if (r.positive() != null) {
                assertThat(r.positive()).as(why).isEqualTo(s.positive());
            }
            for (Object v : r.attributes().values()) {
                found += v != null && !Boolean.FALSE.equals(v) ? 1 : 0;
            }
            mentioned++;
        }
        assertThat(found / (double) mentioned).isGreaterThan(3.0); // several attributes per caption
    }

    @Test
    void aKeywordSaidTwiceIsListedOnceInEitherLanguage() {
        assertThat(SceneKeywords.extract("雪山雪山雪山和清澈的湖泊").keywords()).containsExactly("雪山", "清澈 湖泊");
        assertThat(SceneKeywords.extract("snow, snow and more snow on the mountains").keywords()).containsExactly("snow", "mountains");
    }
}
