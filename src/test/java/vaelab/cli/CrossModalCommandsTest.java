package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossModalCommandsTest {
    @TempDir
    Path dir;

    @Test
    void trainEvaluateAndResumeOnScenes() {
        String out = dir.resolve("x.vae").toString();
        MainTest.Run t = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "40", "--epochs", "1",
                "--judge-epochs", "1", "--batch-size", "20", "--latent", "4", "--out", out);
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("cross-modal VAE:").contains("scene judge").contains("test_sentiment_accuracy")
                .contains("saved " + out).contains("checkpoint for --resume");
        MainTest.Run e = MainTest.run("eval", "--model", out, "--dataset", "scenes", "--limit", "20", "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).startsWith("{\"model\": \"crossmodal\", \"dataset\": \"scenes\", \"images\": 20")
                .contains("\"neg_elbo\": ").contains("\"text_to_image_accuracy\": ").contains("\"image_to_text_accuracy\": ")
                .contains("\"sentiment_accuracy\": ").contains("\"sentiment_agreement\": ")
                .contains("\"candidates\": " + vaelab.api.TextImageModel.DEFAULT_CANDIDATES);
        assertThat(e.out()).contains("\"images\": 20, \"split\": \"test\"");
        // The validation split holds other scenes, also never trained on.
        MainTest.Run v = MainTest.run("eval", "--model", out, "--dataset", "scenes", "--limit", "20", "--json", "--split", "validation");
        assertThat(v.code()).as(v.err()).isZero();
        assertThat(v.out()).contains("\"images\": 20, \"split\": \"validation\"");
        assertThat(negElbo(v.out())).isNotEqualTo(negElbo(e.out()));
        // The table names the split once, in its heading.
        MainTest.Run table = MainTest.run("eval", "--model", out, "--dataset", "scenes", "--limit", "20", "--split", "validation");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains(out + " on 20 scenes validation pictures:").doesNotContain("  split ");
        MainTest.Run one = MainTest.run("eval", "--model", out, "--dataset", "scenes", "--limit", "20", "--json", "--candidates", "1");
        assertThat(one.out()).contains("\"candidates\": 1");
        // A resumed run keeps its architecture: saying otherwise is an error, the same values are fine.
        MainTest.Run wider = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "40", "--epochs", "2",
                "--out", out, "--resume", "--decoder-width", "2", "--latent", "4", "--text-weight", "3");
        assertThat(wider.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(wider.err().strip()).isEqualTo("vaelab: error: --resume keeps the architecture of " + out
                + ", not --text-weight 3.0 (the file has 25.0), --decoder-width 2 (the file has 1): leave those options out, or train"
                + " a new model with --out");
        MainTest.Run more = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "40", "--epochs", "2",
                "--judge-epochs", "1", "--batch-size", "20", "--out", out, "--resume", "--decay-epochs", "1", "--latent", "4");
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("resuming").contains("epoch 2 done").contains("lr 0.001 falling to 0 over VAE epoch 2");
    }

    private static String negElbo(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"neg_elbo\": ([-0-9.Ee]+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    @Test
    void trainsWithTheReadBackTermAndKeepsItsWeight() throws Exception {
        String out = dir.resolve("cycle.vae").toString();
        MainTest.Run t = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "40", "--epochs", "1",
                "--judge-epochs", "0", "--batch-size", "20", "--latent", "4", "--cycle-weight", "5", "--out", out);
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(vaelab.model.CrossModalModel.read(Path.of(out)).vae().weights().cycle()).isEqualTo(5f);
        // a scene model with its judge is calibrated as it is saved
        assertThat(t.out()).contains(out + ": a familiar picture has rebuild_error ≤ ");
        assertThat(vaelab.io.ModelFile.read(Path.of(out)).tensors()).containsKey("familiarity.limits");
        MainTest.Run bad = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "8", "--cycle-weight", "-1");
        assertThat(bad.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(bad.err().strip()).isEqualTo("vaelab: error: --cycle-weight must be 0 or more (below 10^6), and 0 with"
                + " --pixel-components above 1");
        bad = MainTest.run("train", "--model", "vae-conv", "--dataset", "scenes", "--limit", "8", "--cycle-weight", "1");
        assertThat(bad.err().strip()).isEqualTo("vaelab: error: --cycle-weight is for --model crossmodal");
    }

    @Test
    void oneCommandTrainsAndThenFineTunesWithTheReadBackTerm() throws Exception {
        Path out = dir.resolve("staged.vae");
        MainTest.Run t = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "40", "--epochs", "1",
                "--judge-epochs", "1", "--batch-size", "20", "--latent", "4", "--finetune-epochs", "2", "--finetune-lr", "0.0005",
                "--finetune-cycle-weight", "6", "--out", out.toString());
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("; then 2 fine-tune epochs, the rate falling from 0.0005 to 0, read-back weight 6, seed 2,")
                .contains("the fine-tune: epochs 2–3, the rate falling from 0.0005 to 0, read-back weight 6, seed 2");
        vaelab.model.CrossModalModel m = vaelab.model.CrossModalModel.read(out);
        assertThat(m.vae().weights().cycle()).isEqualTo(6f);
        assertThat(m.history().get("vae").column("epoch")).containsExactly(1.0, 2.0, 3.0);
        assertThat(m.history().get("judge").size()).isEqualTo(1);
        assertThat(vaelab.io.ModelFile.read(out).hyperparameters().get("train.options"))
                .contains("fineTune=FineTune[epochs=2, learningRate=5.0E-4, seed=2, cycleWeight=6.0]");

        MainTest.Run bad = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "8", "--finetune-epochs", "-1");
        assertThat(bad.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(bad.err().strip()).isEqualTo("vaelab: error: --finetune-epochs must be >= 0, --finetune-lr positive and"
                + " --finetune-cycle-weight 0 or more (below 10^6)");
        bad = MainTest.run("train", "--model", "vae-conv", "--dataset", "scenes", "--limit", "8", "--finetune-epochs", "1");
        assertThat(bad.err().strip()).isEqualTo("vaelab: error: --finetune-epochs is for --model crossmodal");
        bad = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "8", "--pixel-components", "2",
                "--finetune-epochs", "1", "--finetune-cycle-weight", "1");
        assertThat(bad.err().strip()).isEqualTo("vaelab: error: --finetune-cycle-weight: the model has a pixel mixture, which the"
                + " read-back term does not support");
    }

    @Test
    void fineTunesASavedModelKeepingItsJudgeAndVocabulary() throws Exception {
        Path base = dir.resolve("base.vae");
        MainTest.Run t = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "40", "--epochs", "1",
                "--judge-epochs", "1", "--batch-size", "20", "--latent", "4", "--out", base.toString());
        assertThat(t.code()).as(t.err()).isZero();
        Path tuned = dir.resolve("tuned.vae");
        MainTest.Run f = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "40", "--epochs", "1",
                "--judge-epochs", "0", "--batch-size", "20", "--lr", "0.0003", "--cycle-weight", "7", "--init", base.toString(),
                "--out", tuned.toString());
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(f.out()).contains("starting from the weights of " + base + " (cycle weight 7.0)");
        vaelab.model.CrossModalModel before = vaelab.model.CrossModalModel.read(base);
        vaelab.model.CrossModalModel after = vaelab.model.CrossModalModel.read(tuned);
        assertThat(after.vae().config()).isEqualTo(before.vae().config());
        assertThat(after.vae().weights()).isEqualTo(before.vae().weights().withCycle(7f));
        assertThat(after.vocabulary().tokens()).isEqualTo(before.vocabulary().tokens());
        assertThat(after.judge().state()).allSatisfy((name, v) -> assertThat(v.data()).as(name).containsExactly(before.judge().state().get(name).data()));
        assertThat(after.vae().state().get("image_decoder.deconv3.bias").data()).isNotEqualTo(before.vae().state().get("image_decoder.deconv3.bias").data());
        // The base's history continues: its epoch 1, then the fine-tune's epoch recorded as 2.
        assertThat(f.out()).contains("this run's epochs are recorded as 2–2");
        vaelab.model.History history = after.history().get("vae");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.row(0)).isEqualTo(before.history().get("vae").row(0));
        assertThat(history.column("epoch")[1]).isEqualTo(2.0);
        assertThat(after.history().get("judge").toTensor().data()).isEqualTo(before.history().get("judge").toTensor().data());
        assertThat(vaelab.io.ModelFile.read(tuned).hyperparameters().get("train.init"))
                .startsWith("base.vae, trained with ").contains("epochs=1").doesNotContain("itself started from");
        // The demo's report says the decoder learned from the read-back term.
        Path demo = dir.resolve("demo");
        MainTest.Run d = MainTest.run("demo", "--model", tuned.toString(), "--text", "a sunny lake", "--n", "1", "--candidates", "1",
                "--out", demo.toString());
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(java.nio.file.Files.readString(demo.resolve("report.html"))).contains("read-back term (weight 7.0)");
        // A fine-tune of the fine-tune names the whole chain and numbers on.
        Path again = dir.resolve("again.vae");
        MainTest.Run g = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "40", "--epochs", "2",
                "--judge-epochs", "0", "--batch-size", "20", "--init", tuned.toString(), "--out", again.toString());
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(vaelab.model.CrossModalModel.read(again).history().get("vae").column("epoch")).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(vaelab.io.ModelFile.read(again).hyperparameters().get("train.init"))
                .startsWith("tuned.vae, trained with ").contains(", itself started from base.vae, trained with ");

        MainTest.Run both = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "8", "--init",
                base.toString(), "--resume", "--out", tuned.toString());
        assertThat(both.err().strip()).isEqualTo("vaelab: error: --init starts a new run; --resume continues one: give one of them");
        MainTest.Run latent = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "8", "--init",
                base.toString(), "--latent", "9", "--out", tuned.toString());
        assertThat(latent.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(latent.err()).contains("--init keeps the architecture of " + base + ", not --latent 9 (the file has ");
        MainTest.Run missing = MainTest.run("train", "--model", "crossmodal", "--dataset", "scenes", "--limit", "8", "--init",
                dir.resolve("none.vae").toString(), "--out", tuned.toString());
        assertThat(missing.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(missing.err()).contains("none.vae");
        MainTest.Run other = MainTest.run("train", "--model", "crossmodal", "--dataset", "fashion-mnist", "--limit", "8", "--init",
                base.toString(), "--out", tuned.toString());
        assertThat(other.err().strip()).isEqualTo("vaelab: error: --init: " + base + " was trained on scenes, not fashion-mnist");
    }

    @Test
    void trainsOnAFolderOfOwnPicturesWithoutAJudge() {
        Path folder = dir.resolve("mine");
        assertThat(MainTest.run("dataset", "export", "--dataset", "scenes", "--out", folder.toString(), "--count", "30").code()).isZero();
        String out = dir.resolve("own.vae").toString();
        MainTest.Run t = MainTest.run("train", "--model", "crossmodal", "--dataset", "folder:" + folder, "--epochs", "1",
                "--batch-size", "10", "--latent", "4", "--out", out);
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("training on 27 captioned images").doesNotContain("scene judge");
        MainTest.Run g = MainTest.run("generate", "--model", out, "--text", "a clear lake", "--n", "2", "--out",
                dir.resolve("own.png").toString());
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("this model has no judge of sentiment").contains("caption: ");
        MainTest.Run demo = MainTest.run("demo", "--model", out, "--out", dir.resolve("demo").toString());
        assertThat(demo.code()).isNotZero();
        assertThat(demo.err()).contains("the demo needs a scene model with its judge");
        MainTest.Run sentiment = MainTest.run("sentiment", "--model", out, "--image", dir.resolve("own-1.png").toString());
        assertThat(sentiment.code()).isNotZero();
        assertThat(sentiment.err()).contains("has no judge of sentiment");
    }

    @Test
    void fashionMnistNeedsItsClassifier() throws Exception {
        vaelab.testing.IdxFixtures.writeFakeFashionMnist(dir, "train", 40);
        vaelab.testing.IdxFixtures.writeFakeFashionMnist(dir, "t10k", 20);
        String out = dir.resolve("f.vae").toString();
        MainTest.Run t = MainTest.run("train", "--model", "crossmodal", "--dataset", "fashion-mnist", "--data-dir", dir.toString(),
                "--epochs", "1", "--batch-size", "20", "--latent", "4", "--out", out);
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).doesNotContain("scene judge");
        MainTest.Run noJudge = MainTest.run("eval", "--model", out, "--dataset", "fashion-mnist", "--data-dir", dir.toString(),
                "--judge", dir.resolve("none.vae").toString());
        assertThat(noJudge.code()).isNotZero();
        assertThat(noJudge.err()).contains("no classifier at");
        String classifier = dir.resolve("c.vae").toString();
        assertThat(MainTest.run("train", "--model", "classifier", "--data-dir", dir.toString(), "--epochs", "1", "--out", classifier)
                .code()).isZero();
        MainTest.Run e = MainTest.run("eval", "--model", out, "--dataset", "fashion-mnist", "--data-dir", dir.toString(),
                "--judge", classifier, "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(e.out()).contains("\"label_to_image_accuracy\": ").contains("\"image_to_label_accuracy\": ")
                .contains("\"label_to_image_per_class\": {\"T-shirt/top\": ");
        MainTest.Run asScenes = MainTest.run("generate", "--model", out, "--text", "a bag");
        assertThat(asScenes.code()).isNotZero();
        assertThat(asScenes.err()).contains("not of RGB pictures such as scenes");
    }
}
