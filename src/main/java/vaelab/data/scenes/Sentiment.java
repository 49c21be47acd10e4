package vaelab.data.scenes;

/**
 * Whether a scene feels positive or negative: a documented score of its visible attributes.
 *
 * <pre>
 * sky:     sunny +2, sunset +1, cloudy −1, stormy −2, night −1
 * land:    meadow +0.5, hills +0.5, mountains 0 (snow-capped +0.5), desert −0.5
 * water:   clear +1, none 0, muddy −1
 * plants:  flowers +1.5, green trees +1, none 0, bare trees −1.5
 * animals: a group +1, a few +0.5, none 0
 * positive when score − 0.75 &gt; 0
 * </pre>
 * Every weight is a multiple of ½, so the score is too, and the offset of ¾ means no scene ever
 * lands on 0: there are no ties. Bright skies, flowers, green trees, clear water and animals lean
 * positive; storms, night, bare trees and muddy water lean negative. The attributes' average
 * contribution is slightly positive, so a scene must earn its positivity: with this offset 48.9% of
 * uniformly drawn scenes are positive (exact enumeration; the tests check the balance).
 */
public final class Sentiment {
    static final double OFFSET = -0.75;

    private Sentiment() {
    }

    public static double score(Scene s) {
        double score = switch (s.sky()) {
            case SUNNY -> 2;
            case SUNSET -> 1;
            case CLOUDY -> -1;
            case STORMY -> -2;
            case NIGHT -> -1;
        };
        score += switch (s.land()) {
            case MEADOW, HILLS -> 0.5;
            case MOUNTAINS -> s.snow() ? 0.5 : 0;
            case DESERT -> -0.5;
        };
        score += switch (s.water()) {
            case CLEAR -> 1;
            case NONE -> 0;
            case MUDDY -> -1;
        };
        score += switch (s.plants()) {
            case FLOWERS -> 1.5;
            case GREEN_TREES -> 1;
            case NONE -> 0;
            case BARE_TREES -> -1.5;
        };
        score += switch (s.animals()) {
            case GROUP -> 1;
            case FEW -> 0.5;
            case NONE -> 0;
        };
        return score + OFFSET;
    }

    public static boolean isPositive(Scene s) {
        return score(s) > 0;
    }
}
