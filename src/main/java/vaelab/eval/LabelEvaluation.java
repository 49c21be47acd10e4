package vaelab.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import vaelab.data.CaptionedImages;
import vaelab.data.LabelCaptions;
import vaelab.model.ConvClassifier;
import vaelab.model.CrossModalModel;
import vaelab.model.CrossModalVae;
import vaelab.model.VariationalAutoencoder.Posterior;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * The cross-modal model on a labelled set captioned from its labels (Fashion-MNIST), judged by an
 * image classifier trained on the real images:
 * <ul>
 * <li>{@code label_to_image_accuracy}: the classifier gives the caption's class to the picture
 *     generated from the caption alone;
 * <li>{@code image_to_label_accuracy}: the caption written for a real picture names its class;
 * <li>{@code neg_elbo}: the image −ELBO under q(z | x), nats per image (over the padded 32×32 frame).
 * </ul>
 */
public final class LabelEvaluation {
    public record Result(int images, double negElbo, double labelToImageAccuracy, double imageToLabelAccuracy,
                         double[] labelToImagePerClass) {
        public Map<String, Object> toMap(String[] classNames) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("images", images);
            m.put("neg_elbo", negElbo);
            m.put("label_to_image_accuracy", labelToImageAccuracy);
            m.put("image_to_label_accuracy", imageToLabelAccuracy);
            Map<String, Double> per = new LinkedHashMap<>();
            for (int c = 0; c < labelToImagePerClass.length; c++) {
                per.put(classNames[c], labelToImagePerClass[c]);
            }
            m.put("label_to_image_per_class", per);
            return m;
        }
    }

    private LabelEvaluation() {
    }

    public static Result evaluate(CrossModalModel model, ConvClassifier judge, CaptionedImages data, LabelCaptions names,
                                  long seed, float temperature, int candidates, IntConsumer progress) {
        if (data.labels() == null) {
            throw new IllegalArgumentException("label metrics need labelled images");
        }
        ConvClassifier.Config jc = judge.config();
        if (jc.channels() != data.channels() || jc.height() > 32 || jc.width() > 32) {
            throw new IllegalArgumentException("the classifier reads " + jc.channels() + "×" + jc.height() + "×" + jc.width()
                    + " images; the data has " + data.channels() + " channels");
        }
        judge.eval();
        CrossModalVae vae = model.vae();
        Rng rng = new Rng(seed);
        int classes = names.classes();
        int[] perClassRight = new int[classes];
        int[] perClassCount = new int[classes];
        int right = 0;
        int named = 0;
        double nelbo = 0;
        int batch = 200;
        try (GradMode.Scope ignored = GradMode.disable()) {
            for (int from = 0; from < data.count(); from += batch) {
                CaptionedImages.Batch b = data.batch(from, Math.min(data.count(), from + batch));
                int[] idx = b.indices();
                List<String> captions = b.captions();
                CrossModalVae.ImageBound bound = vae.imageNegElbo(b.images(), rng);
                Posterior qx = bound.posterior();
                nelbo += bound.negElbo() * idx.length;
                float[] generated = model.picturesFromText(captions, 1, temperature, candidates, rng);
                float[] logits = judge.forward(crop(generated, idx.length, data.channels(), jc.height(), jc.width())).data();
                List<String> written = model.captions(qx.mu(), 0f, rng);
                for (int i = 0; i < idx.length; i++) {
                    int label = data.labels()[idx[i]];
                    int predicted = argmax(logits, i * jc.classes(), jc.classes());
                    perClassCount[label]++;
                    if (predicted == label) {
                        perClassRight[label]++;
                        right++;
                    }
                    named += names.labelOf(written.get(i)) == label ? 1 : 0;
                }
                progress.accept(from + idx.length);
            }
        }
        double[] per = new double[classes];
        for (int c = 0; c < classes; c++) {
            per[c] = perClassCount[c] == 0 ? Double.NaN : perClassRight[c] / (double) perClassCount[c];
        }
        int n = data.count();
        return new Result(n, nelbo / n, right / (double) n, named / (double) n, per);
    }

    /** The centre h×w of each 32×32 picture: where a smaller picture was padded in. */
    static Tensor crop(float[] pixels, int n, int c, int h, int w) {
        int top = (32 - h) / 2;
        int left = (32 - w) / 2;
        float[] out = new float[n * c * h * w];
        for (int p = 0; p < n * c; p++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(pixels, (p * 32 + y + top) * 32 + left, out, (p * h + y) * w, w);
            }
        }
        return Tensor.of(out, n, c, h, w);
    }

    private static int argmax(float[] x, int from, int count) {
        int best = 0;
        for (int k = 1; k < count; k++) {
            if (x[from + k] > x[from + best]) {
                best = k;
            }
        }
        return best;
    }
}
