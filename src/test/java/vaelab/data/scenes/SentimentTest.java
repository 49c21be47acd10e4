package vaelab.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;

class SentimentTest {
    @Test
    void noTiesAndBalancedOverEveryCombination() {
        // Exact enumeration, weighting snow-capped and bare mountains by ½ as Scene.random draws them.
        double positive = 0;
        double total = 0;
        for (Scene.Sky sky : Scene.Sky.values()) {
            for (Scene.Land land : Scene.Land.values()) {
                for (boolean snow : land == Scene.Land.MOUNTAINS ? new boolean[] {false, true} : new boolean[] {false}) {
                    double w = land == Scene.Land.MOUNTAINS ? 0.5 : 1;
                    for (Scene.Water water : Scene.Water.values()) {
                        for (Scene.Plants plants : Scene.Plants.values()) {
                            for (Scene.Animals animals : Scene.Animals.values()) {
                                Scene s = new Scene(sky, land, snow, water, plants, animals);
                                assertThat(Sentiment.score(s)).isNotZero();
                                total += w;
                                positive += s.positive() ? w : 0;
                            }
                        }
                    }
                }
            }
        }
        assertThat(positive / total).isBetween(0.45, 0.55);
    }

    @Test
    void theRuleLeansAsDocumented() {
        Scene bright = new Scene(Scene.Sky.SUNNY, Scene.Land.MOUNTAINS, false, Scene.Water.CLEAR, Scene.Plants.FLOWERS, Scene.Animals.GROUP);
        Scene gloomy = new Scene(Scene.Sky.STORMY, Scene.Land.DESERT, false, Scene.Water.MUDDY, Scene.Plants.BARE_TREES, Scene.Animals.NONE);
        Scene night = new Scene(Scene.Sky.NIGHT, Scene.Land.MOUNTAINS, false, Scene.Water.MUDDY, Scene.Plants.BARE_TREES, Scene.Animals.NONE);
        assertThat(bright.positive()).isTrue();
        assertThat(gloomy.positive()).isFalse();
        assertThat(night.positive()).isFalse();
        // Changing one attribute towards the positive side never lowers the score.
        assertThat(Sentiment.score(new Scene(Scene.Sky.SUNNY, Scene.Land.DESERT, false, Scene.Water.MUDDY, Scene.Plants.BARE_TREES, Scene.Animals.NONE)))
                .isGreaterThan(Sentiment.score(gloomy));
    }

    @Test
    void randomScenesAreBalancedToo() {
        Rng rng = new Rng(1);
        int positive = 0;
        for (int i = 0; i < 20_000; i++) {
            positive += Scene.random(rng).positive() ? 1 : 0;
        }
        assertThat(positive / 20_000.0).isBetween(0.46, 0.52);
    }
}
