package vaelab.model;

import java.nio.file.Path;
import java.util.Map;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.nn.Activation;
import vaelab.nn.Conv2d;
import vaelab.nn.Dense;
import vaelab.nn.Dropout;
import vaelab.nn.Flatten;
import vaelab.nn.Layer;
import vaelab.nn.MaxPool2d;
import vaelab.nn.Sequential;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * A small CNN image classifier: two 3×3 convolution + ReLU + 2×2 max-pool blocks, then a hidden
 * dense layer with dropout, then one logit per class. Dropout sits only after the hidden layer: in
 * the few epochs that fit in ten minutes this network underfits rather than overfits (its training
 * and test losses stay level), and dropout on the convolutional features slowed learning.
 */
public final class ConvClassifier extends Layer {
    public static final String ARCHITECTURE = "classifier";

    /** The sizes that define the network; stored in model files. */
    public record Config(int channels, int height, int width, int classes, int filters1, int filters2, int hidden,
                         float dropout) {
        public static Config fashionMnist() {
            return new Config(1, 28, 28, 10, 32, 64, 128, 0.2f);
        }

        Map<String, String> toMap() {
            return Map.of("channels", "" + channels, "height", "" + height, "width", "" + width, "classes", "" + classes,
                    "filters1", "" + filters1, "filters2", "" + filters2, "hidden", "" + hidden, "dropout", "" + dropout);
        }
    }

    private final Config config;
    private final Sequential net;
    private final Dropout dropout;

    public ConvClassifier(Config config, Rng rng) {
        this.config = config;
        if (config.height() % 4 != 0 || config.width() % 4 != 0) {
            throw new IllegalArgumentException("ConvClassifier needs image sides divisible by 4, got "
                    + config.height() + "×" + config.width());
        }
        int flat = config.filters2() * (config.height() / 4) * (config.width() / 4);
        this.dropout = new Dropout(config.dropout(), rng);
        this.net = child("net", new Sequential(
                new Conv2d(config.channels(), config.filters1(), 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Conv2d(config.filters1(), config.filters2(), 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Flatten(),
                new Dense(flat, config.hidden(), rng), Activation.relu(), dropout,
                new Dense(config.hidden(), config.classes(), rng)));
    }

    public Config config() {
        return config;
    }

    /** The generator of the dropout masks, whose state a training checkpoint keeps. */
    public Rng dropoutRng() {
        return dropout.rng();
    }

    public Sequential network() {
        return net;
    }

    /** Logits (n, classes) for images (n, channels, height, width). */
    @Override
    public Tensor forward(Tensor images) {
        if (images.rank() != 4 || images.dim(1) != config.channels() || images.dim(2) != config.height()
                || images.dim(3) != config.width()) {
            throw new IllegalArgumentException("the classifier takes images of shape (n, " + config.channels() + ", "
                    + config.height() + ", " + config.width() + "), got " + images.shape());
        }
        return net.forward(images);
    }

    public ModelFile toModelFile() {
        return new ModelFile(ARCHITECTURE, config.toMap(), java.util.List.of(), state());
    }

    public static ConvClassifier read(Path file) throws ModelFileException {
        return fromModelFile(file, ModelFile.read(file));
    }

    public static ConvClassifier fromModelFile(Path file, ModelFile m) throws ModelFileException {
        m.requireArchitecture(file, ARCHITECTURE);
        float dropout;
        try {
            dropout = Float.parseFloat(m.hyperparameters().getOrDefault("dropout", "0"));
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "hyperparameter 'dropout' is not a number");
        }
        Config c = new Config(m.intParameter(file, "channels"), m.intParameter(file, "height"), m.intParameter(file, "width"),
                m.intParameter(file, "classes"), m.intParameter(file, "filters1"), m.intParameter(file, "filters2"),
                m.intParameter(file, "hidden"), dropout);
        ConvClassifier model;
        try {
            model = new ConvClassifier(c, new Rng(0));
            model.loadState(m.tensors());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "does not fit its own architecture: " + e.getMessage());
        }
        return model;
    }

    @Override
    public String describe() {
        return "ConvClassifier";
    }
}
