package vaelab.model;

import java.util.List;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.Tokenizer;

/**
 * What the commands, the API and the scene evaluation need of a text–image model, whichever kind it
 * is: the Gaussian cross-modal VAE ({@link CrossModalModel}) or the discrete-code model
 * ({@link DiscreteModel}). Pictures are (n, channels, 32, 32) in [0, 1].
 */
public interface TextImageNetwork {
    /** "gaussian" or "discrete", as reports name the kind. */
    String kind();

    /** The data set it was trained on, e.g. "scenes". */
    String dataset();

    int channels();

    /** The judge of scene pictures, or null. */
    SceneJudge judge();

    /**
     * The number of codes a picture's grid draws from, of all its codebooks together (the codes of
     * {@link Readings} are numbered across them); 0 for a model without discrete codes.
     */
    default int codebookSize() {
        return 0;
    }

    /** What the model reads of a text: the tokens it keeps, and the words it does not know. */
    Tokenizer.Encoded encode(String text);

    /** The sampling temperature a user gets without asking; see each kind's documentation. */
    float defaultTemperature();

    /**
     * The guidance scale of the pictures drawn from text: how much more than the text alone the model
     * weighs what the text adds to its prior (1: not at all more). Only the discrete model has one
     * ({@link CodePrior.Sampling}); the Gaussian model's is 1.
     */
    default float guidance() {
        return 1f;
    }

    /** This model drawing with guidance scale {@code g}; a model without guidance takes only 1. */
    default TextImageNetwork withGuidance(float g) {
        if (g != 1f) {
            throw new IllegalArgumentException("the " + kind() + " model has no guidance scale (it draws from one distribution"
                    + " given the text); only the discrete model's pictures can be guided");
        }
        return this;
    }

    /**
     * True when the model finishes this text before it draws: it never learnt from a caption that ends
     * where this one does, so each picture is drawn after the text's own ending by the model (only the
     * discrete model does; {@link DiscreteModel#UNFINISHED}).
     */
    default boolean finishesCaption(String text) {
        return false;
    }

    /**
     * {@code n} pictures of each text, the n of text i together, each the best of {@code candidates}
     * draws by the model's own score.
     */
    float[] picturesFromText(List<String> texts, int n, float temperature, int candidates, Rng rng);

    /** A caption of each picture, the model's most likely wording, each in one language: the one its first words take. */
    default List<String> captionsOf(Tensor images, Rng rng) {
        return captionsOf(images, null, rng);
    }

    /**
     * A caption of each picture, the model's most likely wording in {@code language} (null: each in
     * the one language its first words take; never two in one caption, see {@link CaptionLanguage}).
     */
    List<String> captionsOf(Tensor images, vaelab.data.scenes.Language language, Rng rng);

    /**
     * As {@link #captionsOf(Tensor, vaelab.data.scenes.Language, Rng)}, each caption the best of
     * {@code candidates} written by the model's own score where the model has one (the discrete
     * model); a model without one writes its most likely wording.
     */
    default List<String> captionsOf(Tensor images, vaelab.data.scenes.Language language, int candidates, Rng rng) {
        return captionsOf(images, language, rng);
    }

    /**
     * Each picture through the model's own code and back, (n, channels, 32, 32): the Gaussian model
     * decodes the mean of q(z | picture) to its mean picture, the discrete model decodes the picture's
     * nearest codes. How far a picture is from its rebuilding says how well the model knows pictures
     * like it ({@link Familiarity}).
     */
    float[] rebuild(Tensor images);

    /**
     * The nats each picture's code costs under the model's prior: for the Gaussian model the KL of
     * q(z | picture) from N(0, I), for the discrete model −log p(codes) under its prior, before any
     * caption. The one term of the −ELBO besides the rebuilding.
     */
    double[] codeCost(Tensor images);

    /**
     * What the scene evaluation reads of one batch of real pictures and their captions; {@code codes}
     * are the pictures' grids of codes for a discrete model, null for a Gaussian one.
     */
    record Readings(double negElbo, float[] fromCaptions, List<String> written, float[] rebuilt, int[] codes) {
    }

    /**
     * For real pictures and their captions: the pictures' mean −ELBO (nats per picture), one picture
     * drawn from each caption, a caption written for each picture, and each picture rebuilt through
     * the model's code. Pictures, and captions where the model scores them, are each the best of
     * {@code candidates}.
     */
    Readings read(Tensor images, List<String> captions, float temperature, int candidates, Rng rng);
}
