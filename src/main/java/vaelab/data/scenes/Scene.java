package vaelab.data.scenes;

import vaelab.tensor.Rng;

/**
 * What a generated landscape shows: one value per attribute. Every attribute is visible in a
 * 32×32 picture (the tests check a pixel statistic for each).
 */
public record Scene(Sky sky, Land land, boolean snow, Water water, Plants plants, Animals animals) {
    public enum Sky { SUNNY, SUNSET, CLOUDY, STORMY, NIGHT }

    public enum Land { MOUNTAINS, HILLS, MEADOW, DESERT }

    public enum Water { NONE, CLEAR, MUDDY }

    public enum Plants { NONE, GREEN_TREES, BARE_TREES, FLOWERS }

    public enum Animals { NONE, FEW, GROUP }

    public Scene {
        if (snow && land != Land.MOUNTAINS) {
            throw new IllegalArgumentException("only mountains can be snow-capped, not " + land);
        }
    }

    /** Attributes drawn uniformly (snow on half of the mountains), from {@code rng}. */
    public static Scene random(Rng rng) {
        Sky sky = Sky.values()[rng.nextInt(Sky.values().length)];
        Land land = Land.values()[rng.nextInt(Land.values().length)];
        boolean snow = land == Land.MOUNTAINS && rng.nextInt(2) == 0;
        Water water = Water.values()[rng.nextInt(Water.values().length)];
        Plants plants = Plants.values()[rng.nextInt(Plants.values().length)];
        Animals animals = Animals.values()[rng.nextInt(Animals.values().length)];
        return new Scene(sky, land, snow, water, plants, animals);
    }

    /** The mood, decided by {@link Sentiment}. */
    public boolean positive() {
        return Sentiment.isPositive(this);
    }
}
