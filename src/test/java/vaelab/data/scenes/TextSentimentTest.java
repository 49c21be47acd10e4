package vaelab.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;

class TextSentimentTest {
    @Test
    void moodWordsDecide() {
        assertThat(TextSentiment.positiveProbability("这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物")).isEqualTo(1.0);
        assertThat(TextSentiment.positiveProbability("a gloomy scene on a stormy night with bare trees and a muddy river")).isEqualTo(0.0);
    }

    @Test
    void withoutMoodWordsItIsTheShareOfPositiveScenesWithWhatTheTextNames() {
        // A sunny sky (+2) and flowers (+1.5) outweigh the worst of everything else (−0.5 −1 −0 −0.75 < 3.5 − 2.25).
        assertThat(TextSentiment.positiveProbability("a sunny meadow with flowers")).isEqualTo(1.0);
        // A stormy sky (−2) with bare trees (−1.5): nothing else can lift the score above 0.75.
        assertThat(TextSentiment.positiveProbability("a storm over bare trees")).isEqualTo(0.0);
        // Nothing named: the share of positive scenes, 48.9% by the enumeration documented in Sentiment.
        assertThat(TextSentiment.positiveProbability("")).isCloseTo(0.489, within(0.001));
    }

    @Test
    void agreesWithCountingRandomScenes() {
        Rng rng = new Rng(1);
        int matching = 0;
        int positive = 0;
        for (int i = 0; i < 200_000; i++) {
            Scene s = Scene.random(rng);
            if (s.water() == Scene.Water.CLEAR && s.land() == Scene.Land.HILLS) {
                matching++;
                positive += s.positive() ? 1 : 0;
            }
        }
        assertThat(TextSentiment.positiveProbability("hills and a clear lake")).isCloseTo(positive / (double) matching, within(0.02));
    }
}
