package vaelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.model.DiscreteModel;
import vaelab.model.DiscreteVae;
import vaelab.model.SceneJudge;
import vaelab.tensor.Rng;
import vaelab.train.CodePriorTrainer;
import vaelab.train.DiscreteModelTraining;
import vaelab.train.DiscreteVaeTrainer;
import vaelab.train.TrainingListener;

/** The codes page over a model with two codes per cell: a cell shows and changes its first code, the second travels with it. */
class CodesPageTest {
    @TempDir
    Path dir;

    @Test
    void withTwoCodesPerCellACellChangesItsFirstCodeAndKeepsItsSecond() throws Exception {
        DiscreteModelTraining.Options o = new DiscreteModelTraining.Options(new DiscreteVae.Config(3, 16, 4, 8, 0.9f, 2),
                new DiscreteVaeTrainer.Options(1, 16, 3e-3f, 3, 0.25f), 8, 1, 2, 0f,
                new CodePriorTrainer.Options(1, 16, 3e-3f, 4, 0.5f, 0.25f, 2), 40, 8, 32);
        DiscreteModel model = new DiscreteModelTraining(o, dir.resolve("m.vae"), new SceneJudge(0f, new Rng(9)), false)
                .run(TrainingListener.SILENT);
        CodesPage page = new CodesPage(model);

        @SuppressWarnings("unchecked")
        Map<String, Object> scene = (Map<String, Object>) page.scene(JsonRequest.parse("{\"index\": 3}"));
        int[] codes = (int[]) scene.get("codes");
        assertThat(codes).hasSize(128);
        assertThat(scene.get("levels")).isEqualTo(2);
        String grid = Arrays.toString(codes).replace(" ", "");

        @SuppressWarnings("unchecked")
        Map<String, Object> alt = (Map<String, Object>) page.alternatives(JsonRequest.parse("{\"codes\": " + grid + ", \"cell\": 10, \"count\": 3}"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> options = (List<Map<String, Object>>) alt.get("alternatives");
        assertThat(options).hasSize(3);
        int other = (int) options.get(0).get("code");
        assertThat(other).isNotEqualTo(codes[20]);
        // The alternative's picture is the grid with the cell's first code changed and nothing else.
        int[] changed = codes.clone();
        changed[20] = other;
        @SuppressWarnings("unchecked")
        Map<String, Object> decoded = (Map<String, Object>) page.decode(JsonRequest.parse("{\"codes\": "
                + Arrays.toString(changed).replace(" ", "") + "}"));
        assertThat(decoded.get("png")).isEqualTo(options.get(0).get("png"));
        // A grid of one code per cell is not a grid of this model.
        String half = Arrays.toString(Arrays.copyOf(codes, 64)).replace(" ", "");
        assertThatThrownBy(() -> page.decode(JsonRequest.parse("{\"codes\": " + half + "}"))).isInstanceOf(RuntimeException.class);
    }
}
