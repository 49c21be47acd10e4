package vaelab.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The keyword reader on text nobody wrote on purpose: any string, and random strings of cue and filler words. */
class SceneKeywordsProperties {
    private static final List<String> ENGLISH = List.of("a", "the", "no", "without", "and", ",", "but", "river", "muddy", "clear",
            "trees", "bare", "flowers", "garden", "animals", "herd", "few", "wolves", "sunny", "night", "storm", "clouds", "sky",
            "blue", "grey", "mountains", "snowy", "snow", "hills", "valley", "meadow", "desert", "beautiful", "gloomy", "serene",
            "dawn", "swamp", "pond", "forest", "any", "not", "with", "under", "dragon", "lighthouse");
    private static final List<String> CHINESE = List.of("的", "和", "，", "没有", "无", "任何", "一", "棵", "河流", "浑浊", "清澈",
            "树", "枯树", "鲜花", "花园", "动物", "一群", "几只", "骆驼", "晴朗", "夜空", "暴风雨", "天空", "灰色", "山峰", "雪山",
            "山谷", "草原", "沙漠", "美丽", "阴郁", "幸福", "日出", "沼泽", "池塘", "森林", "无边", "明媚", "灯塔");

    @Property(tries = 500)
    void anyTextIsReadAndWhatIsUnknownComesFromIt(@ForAll String text) {
        SceneKeywords.Result r = SceneKeywords.extract(text);
        // Unknown words are tokens, or runs of unknown Chinese characters joined: all in the text as the tokenizer cuts it.
        String tokens = String.join("", ScenesText.tokenizer().tokenize(text));
        for (String unknown : r.unknownWords()) {
            assertThat(tokens).contains(unknown);
        }
        String plain = Captioner.plain(r, Language.of(text));
        assertThat(plain == null).isEqualTo(r.empty());
    }

    @Property(tries = 1000)
    void thePlainCaptionSaysWhatTheSentenceNames(@ForAll("sentences") String sentence) {
        SceneKeywords.Result named = SceneKeywords.extract(sentence);
        String plain = Captioner.plain(named, Language.of(sentence));
        if (named.empty()) {
            assertThat(plain).isNull();
            return;
        }
        SceneKeywords.Result back = SceneKeywords.extract(plain);
        assertThat(back.unknownWords()).as(plain).isEmpty();
        // Captions never deny: what the sentence says is not there, the caption leaves unsaid.
        assertThat(back.attributes()).as(sentence + " → " + plain).isEqualTo(withoutDenials(named));
    }

    @Provide
    Arbitrary<String> sentences() {
        Arbitrary<String> english = Arbitraries.of(ENGLISH).list().ofMinSize(1).ofMaxSize(12).map(w -> String.join(" ", w));
        Arbitrary<String> chinese = Arbitraries.of(CHINESE).list().ofMinSize(1).ofMaxSize(12).map(w -> String.join("", w));
        return Arbitraries.oneOf(english, chinese);
    }

    private static Map<String, Object> withoutDenials(SceneKeywords.Result r) {
        Map<String, Object> m = new LinkedHashMap<>(r.attributes());
        m.replaceAll((k, v) -> "none".equals(v) ? null : v);
        return m;
    }
}
