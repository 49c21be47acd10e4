package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.io.ModelFile;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

class ConvClassifierTest {
    @TempDir
    Path dir;

    @Test
    void savesAndLoadsToTheSameLogits() throws Exception {
        ConvClassifier a = new ConvClassifier(ConvClassifier.Config.fashionMnist(), new Rng(1));
        Path f = dir.resolve("c.vae");
        a.toModelFile().write(f);
        ConvClassifier b = ConvClassifier.fromModelFile(f, ModelFile.read(f));
        Tensor x = Tensor.uniform(new Rng(2), 0, 1, 3, 1, 28, 28);
        a.eval();
        b.eval();
        try (var off = GradMode.disable()) {
            assertThat(b.forward(x).data()).containsExactly(a.forward(x).data());
        }
        assertThat(b.config()).isEqualTo(a.config());
    }

    @Test
    void rejectsImagesOfTheWrongShape() {
        ConvClassifier c = new ConvClassifier(ConvClassifier.Config.fashionMnist(), new Rng(1));
        assertThatThrownBy(() -> c.forward(Tensor.zeros(2, 3, 28, 28))).hasMessageContaining("(n, 1, 28, 28)")
                .hasMessageContaining("(2, 3, 28, 28)");
    }

    @Test
    void aFileOfAnotherArchitectureIsRefused() throws Exception {
        Path f = dir.resolve("other.vae");
        new ModelFile("vae-mlp", java.util.Map.of(), java.util.List.of(), java.util.Map.of()).write(f);
        assertThatThrownBy(() -> ConvClassifier.fromModelFile(f, ModelFile.read(f)))
                .hasMessageContaining("holds a 'vae-mlp' model, not a 'classifier'");
    }
}
