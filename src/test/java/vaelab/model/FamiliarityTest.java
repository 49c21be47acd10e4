package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaelab.api.TextImageModel;
import vaelab.data.NonScenes;
import vaelab.data.scenes.ScenesDataset;
import vaelab.io.ModelFile;
import vaelab.tensor.Tensor;

/** The shipped models tell real scenes from pictures that are not scenes, by what they compute. */
class FamiliarityTest {
    static final Path GAUSSIAN = Path.of("data/models/scenes.vae");
    static final Path DISCRETE = Path.of("data/models/scenes-discrete.vae");

    private static Familiarity stored(Path file) throws Exception {
        ModelFile m = ModelFile.read(file);
        TextImageNetwork net = TextImageModel.load(file).network();
        Familiarity f = Familiarity.fromTensors(net, m.tensors());
        assertThat(f).as("%s keeps its calibration (vaelab calibrate)", file).isNotNull();
        return f;
    }

    private static double familiarShare(Familiarity f, float[] pixels, int n) {
        long familiar = java.util.Arrays.stream(f.read(Tensor.of(pixels, n, 3, 32, 32))).filter(Familiarity.Reading::familiar).count();
        return familiar / (double) n;
    }

    @Test
    void realScenesAreFamiliarAndNoiseTextAndGradientsAreNot() throws Exception {
        ScenesDataset test = ScenesDataset.generate(ScenesDataset.Split.TEST, 400);
        NonScenes.Set strangers = NonScenes.generate(10, 3, null);
        for (Path file : List.of(GAUSSIAN, DISCRETE)) {
            Familiarity f = stored(file);
            assertThat(familiarShare(f, test.pixels(), 400)).as(file.toString()).isGreaterThanOrEqualTo(0.98);
            Familiarity.Reading[] r = f.read(Tensor.of(strangers.pixels(), strangers.count(), 3, 32, 32));
            Map<NonScenes.Kind, Integer> caught = new LinkedHashMap<>();
            for (int i = 0; i < r.length; i++) {
                if (!r[i].familiar()) {
                    caught.merge(strangers.kinds().get(i), 1, Integer::sum);
                    assertThat(r[i].reason()).isNotEmpty();
                } else {
                    assertThat(r[i].reason()).isEmpty();
                }
            }
            assertThat(caught.getOrDefault(NonScenes.Kind.NOISE, 0)).as(file + " noise").isEqualTo(10);
            assertThat(caught.getOrDefault(NonScenes.Kind.TEXT, 0)).as(file + " text").isEqualTo(10);
            assertThat(caught.getOrDefault(NonScenes.Kind.EXTREME_ASPECT, 0)).as(file + " extreme aspect").isGreaterThanOrEqualTo(9);
            assertThat(caught.values().stream().mapToInt(Integer::intValue).sum()).as(file + " all").isGreaterThanOrEqualTo(45);
        }
    }

    @Test
    void theStoredCalibrationIsTheOneCalibratingGives() throws Exception {
        TextImageNetwork net = TextImageModel.load(GAUSSIAN).network();
        Familiarity fresh = Familiarity.calibrate(net);
        Familiarity kept = Familiarity.fromTensors(net, fresh.toTensors());
        assertThat(kept.limits()).containsExactly(fresh.limits());
        assertThat(stored(GAUSSIAN).limits()).containsExactly(kept.limits());
        NonScenes.Set s = NonScenes.generate(2, 5, null);
        Tensor images = Tensor.of(s.pixels(), s.count(), 3, 32, 32);
        Familiarity.Reading[] a = fresh.read(images);
        Familiarity.Reading[] b = kept.read(images);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i].checks()).isEqualTo(a[i].checks());
        }
    }

    @Test
    void aCalibrationThatDoesNotFitTheModelIsRefused() throws Exception {
        TextImageNetwork net = TextImageModel.load(GAUSSIAN).network();
        Map<String, Tensor> t = new LinkedHashMap<>(Familiarity.calibrate(net).toTensors());
        t.put(Familiarity.PREFIX + "mean", Tensor.of(new float[3], vaelab.tensor.Shape.of(3)));
        assertThatThrownBy(() -> Familiarity.fromTensors(net, t)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit");
        assertThat(Familiarity.fromTensors(net, Map.of())).isNull();
    }

    @Test
    void eachCheckSaysWhyInWords() {
        Familiarity.Reading r = new Familiarity.Reading(List.of(new Familiarity.Check("rebuild_error", 0.2, 0.018),
                new Familiarity.Check("code_cost", 100, 160), new Familiarity.Check("judge_feature_distance", Double.NaN, Double.NaN)));
        assertThat(r.familiar()).isFalse();
        assertThat(r.reason()).isEqualTo("the model rebuilds it with a mean squared error of 0.2000, where real scenes stay under 0.0180");
    }
}
