package example.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import vaelab.api.Compute;
import vaelab.api.TextImageModel;

/**
 * Scores sentences on Spark executors: the driver broadcasts the model file's bytes once; each
 * partition loads the model from them (about a tenth of a second for the 5 MB scene model) and runs
 * every sentence of the partition through it. Nothing native is shipped: the vaelab jar is all.
 */
public final class SentenceScoring {
    private SentenceScoring() {
    }

    /** One sentence's result; plain serializable fields so Spark can bring it back to the driver. */
    public record Scored(String sentence, String textSentiment, double textPositive, String pictureSentiment,
                         double picturePositive, String caption) implements Serializable {
    }

    /** The result for one sentence, the same on any executor: the seed comes from the sentence. */
    public static Scored score(TextImageModel model, String sentence) {
        TextImageModel.Generation g = model.generate(sentence, 1, sentence.hashCode());
        TextImageModel.Picture p = g.images().get(0);
        return new Scored(sentence, g.textSentiment().label(), g.textSentiment().probability(), p.sentiment().label(),
                p.sentiment().probability(), p.caption());
    }

    public static JavaRDD<Scored> score(JavaSparkContext sc, byte[] modelFile, JavaRDD<String> sentences) {
        Broadcast<byte[]> model = sc.broadcast(modelFile);
        return sentences.mapPartitions((Iterator<String> it) -> {
            // Spark already runs one task per core; vaelab's kernels stay on the task's thread.
            Compute.threads(1);
            TextImageModel m = TextImageModel.load("broadcast:scenes.vae", model.value());
            List<Scored> out = new ArrayList<>();
            while (it.hasNext()) {
                out.add(score(m, it.next()));
            }
            return out.iterator();
        });
    }
}
