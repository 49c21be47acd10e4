package vaelab.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every phrase the caption generator writes, the keyword reader understands as the value it stands for. */
class PhrasebookKeywordsTest {
    private static <V> void eachPhraseReadsAs(Map<V, Phrasebook.Phrases> table, Function<SceneKeywords.Result, V> found) {
        table.forEach((value, phrases) -> {
            for (Language l : Language.values()) {
                for (String phrase : phrases.in(l)) {
                    assertThat(found.apply(SceneKeywords.extract(phrase))).as("'%s'", phrase).isEqualTo(value);
                }
            }
        });
    }

    @Test
    void attributePhrasesReadAsTheirValue() {
        eachPhraseReadsAs(Phrasebook.SKY, SceneKeywords.Result::sky);
        eachPhraseReadsAs(Phrasebook.LAND, SceneKeywords.Result::land);
        eachPhraseReadsAs(Phrasebook.WATER, SceneKeywords.Result::water);
        eachPhraseReadsAs(Phrasebook.PLANTS, SceneKeywords.Result::plants);
        eachPhraseReadsAs(Phrasebook.ANIMALS, SceneKeywords.Result::animals);
        for (Language l : Language.values()) {
            for (String phrase : Phrasebook.SNOWY_MOUNTAINS.in(l)) {
                SceneKeywords.Result r = SceneKeywords.extract(phrase);
                assertThat(r.snow()).as("'%s'", phrase).isTrue();
                assertThat(r.land()).as("'%s'", phrase).isEqualTo(Scene.Land.MOUNTAINS);
            }
        }
    }

    @Test
    void moodWordsReadAsTheirMood() {
        for (Language l : Language.values()) {
            for (String w : Phrasebook.POSITIVE_ADJECTIVES.in(l)) {
                assertThat(SceneKeywords.extract(w).positive()).as("'%s'", w).isTrue();
            }
            for (String w : Phrasebook.NEGATIVE_ADJECTIVES.in(l)) {
                assertThat(SceneKeywords.extract(w).positive()).as("'%s'", w).isFalse();
            }
        }
    }
}
