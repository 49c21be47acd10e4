package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.testing.IdxFixtures;

class TrainEvalCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsSavesAndEvaluatesAsJson() throws Exception {
        IdxFixtures.writeFakeFashionMnist(dir, "train", 40);
        IdxFixtures.writeFakeFashionMnist(dir, "t10k", 20);
        Path model = dir.resolve("models/c.vae");
        MainTest.Run t = MainTest.run("train", "--model", "classifier", "--data-dir", dir.toString(), "--epochs", "1",
                "--batch-size", "16", "--out", model.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("Conv2d(1 → 32").contains("epoch 1 done").contains("saved " + model);
        assertThat(Files.exists(model)).isTrue();

        MainTest.Run e = MainTest.run("eval", "--model", model.toString(), "--data-dir", dir.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out().strip()).startsWith("{\"model\": \"classifier\", \"dataset\": \"fashion-mnist\", \"images\": 20, \"split\": \"test\", \"accuracy\": ")
                .contains("\"per_class_accuracy\": {\"T-shirt/top\": ").endsWith("}");
    }

    @Test
    void trainsASentimentClassifierOnGeneratedScenes() {
        Path model = dir.resolve("sentiment.vae");
        MainTest.Run t = MainTest.run("train", "--model", "classifier", "--dataset", "scenes", "--limit", "64", "--epochs", "1",
                "--batch-size", "32", "--out", model.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("training classifier on 64 scenes images").contains("(1, 3, 32, 32)").contains("(1, 2)");
        MainTest.Run e = MainTest.run("eval", "--model", model.toString(), "--dataset", "scenes", "--limit", "50", "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("\"dataset\": \"scenes\", \"images\": 50, \"split\": \"test\"").contains("\"negative\": ")
                .contains("\"positive\": ");
        MainTest.Run v = MainTest.run("eval", "--model", model.toString(), "--dataset", "scenes", "--limit", "50", "--split", "validation");
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).contains(model + " on 50 scenes validation images: accuracy ");
        MainTest.Run fashion = MainTest.run("eval", "--model", model.toString(), "--data-dir", dir.toString(), "--split", "validation");
        assertThat(fashion.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(fashion.err().strip()).isEqualTo("vaelab: error: --split validation: only the scenes data set has a validation split;"
                + " fashion-mnist has train and test");
        MainTest.Run train = MainTest.run("eval", "--model", model.toString(), "--dataset", "scenes", "--split", "train");
        assertThat(train.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(train.err().strip()).isEqualTo("vaelab: error: --split must be test or validation, got 'train'");
    }

    @Test
    void userErrorsAreOneLine() throws Exception {
        MainTest.Run r = MainTest.run("train", "--model", "gpt", "--data-dir", dir.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err()).isEqualTo("vaelab: error: unknown model 'gpt'; this build can train: classifier, vae-mlp, vae-conv, crossmodal,"
                + " discrete, judge" + System.lineSeparator());

        r = MainTest.run("train", "--model", "classifier", "--data-dir", dir.resolve("nowhere").toString());
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("apt-get install dataset-fashion-mnist");

        r = MainTest.run("eval", "--model", dir.resolve("missing.vae").toString());
        assertThat(r.err().strip()).isEqualTo("vaelab: error: model file " + dir.resolve("missing.vae") + ": does not exist");

        Files.writeString(dir.resolve("junk.vae"), "junk");
        r = MainTest.run("eval", "--model", dir.resolve("junk.vae").toString());
        assertThat(r.err()).contains("is not a vaelab model file");

        r = MainTest.run("train", "--model", "classifier", "--epochs", "zero");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void aScheduleThatAModelCannotUseIsRefusedNotIgnored() {
        refused("--schedule cosine is for the classifier and crossmodal; vae-conv trains at a constant rate",
                "--model", "vae-conv", "--schedule", "cosine");
        refused("--decay-epochs is for --model crossmodal", "--model", "classifier", "--decay-epochs", "2");
        refused("--decay-epochs must be between 0 and --epochs (2), not 3", "--model", "crossmodal", "--epochs", "2", "--decay-epochs", "3");
    }

    @Test
    void decoderOptionsAreCheckedAndKeptToTheCrossModalModel() {
        refused("--pixel-components is for --model crossmodal", "--model", "vae-conv", "--pixel-components", "3");
        refused("--decoder-width is for --model crossmodal", "--model", "classifier", "--decoder-width", "2");
        refused("--decoder-width must be between 1 and 4", "--model", "crossmodal", "--decoder-width", "5");
        String mixture = "--pixel-components must be between 1 and 8, and above 1 only with a Gaussian pixel likelihood (--image-sigma above 0)";
        refused(mixture, "--model", "crossmodal", "--pixel-components", "0");
        refused(mixture, "--model", "crossmodal", "--pixel-components", "9");
        refused(mixture, "--model", "crossmodal", "--pixel-components", "3", "--image-sigma", "0");
    }

    /** Each kind's options belong to it: given for a kind that does not read them, they are refused by name, not ignored. */
    @Test
    void anOptionOfAnotherKindIsRefusedByName() {
        refused("--codes is for --model discrete", "--model", "crossmodal", "--codes", "64");
        refused("--beta is for --model vae-mlp or vae-conv", "--model", "classifier", "--beta", "2");
        refused("--latent is for --model vae-mlp, vae-conv or crossmodal", "--model", "discrete", "--latent", "8");
        refused("--judge-epochs is for --model crossmodal", "--model", "judge", "--judge-epochs", "2");
        refused("--sharp is for --model judge", "--model", "discrete", "--sharp");
        refused("--schedule cosine is for the classifier and crossmodal; discrete sets its own rates (--warmup-steps, then a cosine)",
                "--model", "discrete", "--schedule", "cosine");
        refused("--kl-warmup must be >= 0 (and finite)", "--model", "vae-mlp", "--kl-warmup", "-1");
        refused("--judge-epochs must be >= 0", "--model", "crossmodal", "--judge-epochs", "-1");
        refused("--free-bits and --beta must be >= 0 (and finite)", "--model", "vae-mlp", "--beta", "-1");
    }

    /** The classifier is on the same skeleton as the other trainers: stopped after an epoch, --resume ends where one run does. */
    @Test
    void aClassifierResumesToTheSameWeightsAsOneRun() throws Exception {
        Path straight = dir.resolve("straight.vae");
        String[] common = {"train", "--model", "classifier", "--dataset", "scenes", "--limit", "48", "--batch-size", "16"};
        MainTest.Run a = MainTest.run(concat(common, "--epochs", "2", "--out", straight.toString()));
        assertThat(a.code()).as(a.err()).isZero();
        Path stopped = dir.resolve("stopped.vae");
        assertThat(MainTest.run(concat(common, "--epochs", "1", "--out", stopped.toString())).code()).isZero();
        MainTest.Run b = MainTest.run(concat(common, "--epochs", "2", "--resume", "--out", stopped.toString()));
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("resuming the classifier from " + stopped + ".checkpoint after epoch 1 of 2");
        var sa = vaelab.model.ConvClassifier.read(straight).state();
        var sb = vaelab.model.ConvClassifier.read(stopped).state();
        assertThat(sb.keySet()).isEqualTo(sa.keySet());
        sa.forEach((k, v) -> assertThat(sb.get(k).data()).as(k).containsExactly(v.data()));
        MainTest.Run again = MainTest.run(concat(common, "--epochs", "2", "--resume", "--out", stopped.toString()));
        assertThat(again.err()).contains("has already done 2 epochs; ask for more with --epochs");
        MainTest.Run none = MainTest.run(concat(common, "--resume", "--out", dir.resolve("never.vae").toString()));
        assertThat(none.err().strip()).isEqualTo("vaelab: error: --resume: no checkpoint at " + dir.resolve("never.vae")
                + ".checkpoint (it is written beside --out after every epoch)");
    }

    private static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    /** {@code train} on 8 scenes with these options fails with exit code 1 and exactly this message. */
    private static void refused(String message, String... options) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("train", "--dataset", "scenes", "--limit", "8"),
                java.util.Arrays.stream(options)).toArray(String[]::new);
        MainTest.Run r = MainTest.run(args);
        assertThat(r.code()).as(String.join(" ", options)).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err().strip()).as(String.join(" ", options)).isEqualTo("vaelab: error: " + message);
    }
}
