package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.model.SceneJudge;
import vaelab.tensor.Tensor;

/** A judge trained on its own (sharp renders only), resumed exactly, and used as eval's second reader. */
class JudgeCommandsTest {
    @TempDir
    Path dir;

    private MainTest.Run train(Path out, String... more) {
        String[] base = {"train", "--model", "judge", "--dataset", "scenes", "--sharp", "--limit", "40", "--batch-size", "16", "--out",
            out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return MainTest.run(args);
    }

    @Test
    void aSharpJudgeTrainsResumesToTheSameBitsAndReadsEvalsPicturesASecondTime() throws Exception {
        Path straight = dir.resolve("straight.vae");
        MainTest.Run r = train(straight, "--epochs", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("on sharp renders only").contains("saved " + straight);
        Path stopped = dir.resolve("stopped.vae");
        assertThat(train(stopped, "--epochs", "1").code()).isZero();
        MainTest.Run resumed = train(stopped, "--epochs", "2", "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        SceneJudge a = SceneJudge.read(straight);
        SceneJudge b = SceneJudge.read(stopped);
        a.state().forEach((k, v) -> assertThat(b.state().get(k).data()).as(k).containsExactly(v.data()));
        assertThat(train(stopped, "--epochs", "3", "--resume").code()).isZero();
        MainTest.Run mismatch = MainTest.run("train", "--model", "judge", "--dataset", "scenes", "--limit", "40", "--epochs", "4",
                "--out", stopped.toString(), "--resume");
        assertThat(mismatch.err()).contains("was trained with --sharp");

        Path gaussian = dir.resolve("gaussian.vae");
        vaelab.testing.TinySceneModel.write(gaussian);
        MainTest.Run e = MainTest.run("eval", "--model", gaussian.toString(), "--dataset", "scenes", "--limit", "10", "--candidates", "1",
                "--sharp-judge", straight.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        Map<String, Object> o = vaelab.testing.JsonReader.object(e.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) o.get("sharp_judge");
        assertThat(second).containsKeys("text_to_image_accuracy", "strict_text_to_image_accuracy", "sentiment_agreement",
                "reconstruction_accuracy", "frechet_judge_distance", "frechet_judge_distance_floor");
        assertThat(second.get("file")).isEqualTo(straight.toString());
        // The model's own judge reads the same pictures otherwise: the two readings differ.
        assertThat(second.get("frechet_judge_distance")).isNotEqualTo(o.get("frechet_judge_distance"));
        // A judge's file is what the judge is: the same logits after reading it back.
        Tensor pictures = Tensor.uniform(new vaelab.tensor.Rng(1), 0f, 1f, 2, 3, 32, 32);
        assertThat(SceneJudge.read(straight).forward(pictures).data()).containsExactly(a.forward(pictures).data());
        assertThat(MainTest.run("train", "--model", "vae-mlp", "--sharp", "--out", dir.resolve("x.vae").toString()).err())
                .contains("--sharp is for --model judge");
    }
}
