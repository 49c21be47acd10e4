package vaelab.data.scenes;

/**
 * The sentiment a sentence expresses about a scene, as a probability. Mood words decide it when
 * there are any ("gloomy", 积极向上). Otherwise it is the exact chance that a scene is positive given
 * what the sentence names, with every attribute it leaves out drawn as the generator draws it:
 * "a sunny meadow with flowers" is positive whatever else is there (probability 1), "a river" is
 * close to a coin toss.
 */
public final class TextSentiment {
    private TextSentiment() {
    }

    public static double positiveProbability(SceneKeywords.Result r) {
        if (r.positive() != null) {
            return r.positive() ? 1.0 : 0.0;
        }
        double positive = 0;
        double total = 0;
        for (Scene.Sky sky : Scene.Sky.values()) {
            for (Scene.Land land : Scene.Land.values()) {
                for (int snow = 0; snow <= (land == Scene.Land.MOUNTAINS ? 1 : 0); snow++) {
                    for (Scene.Water water : Scene.Water.values()) {
                        for (Scene.Plants plants : Scene.Plants.values()) {
                            for (Scene.Animals animals : Scene.Animals.values()) {
                                Scene s = new Scene(sky, land, snow == 1, water, plants, animals);
                                if (!consistent(s, r)) {
                                    continue;
                                }
                                // Half of the mountains are snow-capped: each mountain scene has half the weight.
                                double w = land == Scene.Land.MOUNTAINS ? 0.5 : 1.0;
                                total += w;
                                positive += s.positive() ? w : 0;
                            }
                        }
                    }
                }
            }
        }
        return total == 0 ? 0.5 : positive / total;
    }

    public static double positiveProbability(String text) {
        return positiveProbability(SceneKeywords.extract(text));
    }

    private static boolean consistent(Scene s, SceneKeywords.Result r) {
        return (r.sky() == null || r.sky() == s.sky()) && (r.land() == null || r.land() == s.land())
                && (!r.snow() || s.snow()) && (r.water() == null || r.water() == s.water())
                && (r.plants() == null || r.plants() == s.plants()) && (r.animals() == null || r.animals() == s.animals());
    }
}
