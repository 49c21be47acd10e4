package vaelab.eval;

import vaelab.autograd.Losses;
import vaelab.autograd.Reduction;
import vaelab.data.LabeledImages;
import vaelab.nn.Layer;
import vaelab.tensor.GradMode;
import vaelab.tensor.Tensor;

/** Accuracy, loss, per-class accuracy and the confusion matrix of a classifier on labelled images. */
public final class ClassifierEvaluation {
    static final int BATCH = 500;

    /** confusion[true][predicted] counts images. */
    public record Result(int images, double accuracy, double loss, double[] perClassAccuracy, int[][] confusion) {
    }

    private ClassifierEvaluation() {
    }

    public static Result evaluate(Layer model, LabeledImages data) {
        boolean wasTraining = model.isTraining();
        model.eval();
        int k = data.classCount();
        int[][] confusion = new int[k][k];
        double lossSum = 0;
        int correct = 0;
        try (GradMode.Scope off = GradMode.disable()) {
            for (int from = 0; from < data.count(); from += BATCH) {
                int[] idx = new int[Math.min(BATCH, data.count() - from)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = from + i;
                }
                Tensor logits = model.forward(data.images(idx));
                int[] labels = data.labels(idx);
                lossSum += Losses.crossEntropy(logits, labels, Reduction.SUM).item();
                for (int i = 0; i < idx.length; i++) {
                    int predicted = argmax(logits.data(), i * k, k);
                    confusion[labels[i]][predicted]++;
                    correct += predicted == labels[i] ? 1 : 0;
                }
            }
        } finally {
            model.setTraining(wasTraining);
        }
        double[] perClass = new double[k];
        for (int c = 0; c < k; c++) {
            int total = 0;
            for (int p = 0; p < k; p++) {
                total += confusion[c][p];
            }
            perClass[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        int n = Math.max(1, data.count());
        return new Result(data.count(), (double) correct / n, lossSum / n, perClass, confusion);
    }

    static int argmax(float[] v, int from, int len) {
        int best = 0;
        for (int j = 1; j < len; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }
}
