package example;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import vaelab.api.TextImageModel;

/**
 * An application that embeds vaelab: one model, loaded once, turns a sentence into a picture and
 * says how the picture feels. Run with: java -cp ... example.Embedding MODEL "a sentence" OUT.png
 */
public final class Embedding {
    private Embedding() {
    }

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args.length > 0 ? args[0] : "../../data/models/scenes.vae");
        String sentence = args.length > 1 ? args[1] : "这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物";
        Path out = Path.of(args.length > 2 ? args[2] : "target/picture.png");
        run(model, sentence, out, System.out);
    }

    /** Loads the model, draws one picture of the sentence into {@code out}, and reports on {@code report}. */
    public static TextImageModel.Generation run(Path modelFile, String sentence, Path out, PrintStream report) throws IOException {
        TextImageModel model = TextImageModel.load(modelFile);
        TextImageModel.Generation g = model.generate(sentence, 1, 42L);
        TextImageModel.Picture picture = g.images().get(0);
        if (out.toAbsolutePath().getParent() != null) {
            java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
        }
        ImageIO.write(picture.toImage(4), "png", out.toFile());
        report.printf("sentence: %s%nkeywords: %s%nsentiment: %s (p(positive) = %.2f)%ncaption: %s%npicture: %s%n", sentence,
                String.join(", ", g.keywords()), picture.sentiment().label(), picture.sentiment().probability(), picture.caption(), out);
        return g;
    }
}
