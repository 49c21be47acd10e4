package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaelab.io.ModelFile;
import vaelab.tensor.Tensor;

class HistoryTest {
    static Map<String, Double> row(double epoch, double loss) {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("epoch", epoch);
        r.put("loss", loss);
        return r;
    }

    @Test
    void rowsAreReadByColumnNameAndMustNameEveryColumn() {
        History h = new History(List.of("epoch", "loss"));
        h.add(row(1, 0.5));
        h.add(row(2, 0.25));
        assertThat(h.column("loss")).containsExactly(0.5, 0.25);
        assertThat(h.row(1)).containsEntry("epoch", 2.0).containsEntry("loss", 0.25);
        assertThat(h.lastEpoch()).isEqualTo(2);
        assertThatThrownBy(() -> h.add(Map.of("epoch", 3.0))).hasMessageContaining("exactly the columns");
        assertThatThrownBy(() -> h.column("accuracy")).hasMessageContaining("no history column 'accuracy'");
    }

    /** A history holds what its file holds: values are kept at float precision, so one read back is equal. */
    @Test
    void aHistoryWrittenToAModelFileReadsBackEqual() {
        History h = new History(List.of("epoch", "loss"));
        h.add(row(1, 0.1));
        Map<String, String> hyper = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        h.write("history.x", hyper, tensors);
        History back = History.read(new ModelFile("test", hyper, List.of(), tensors), "history.x", List.of());
        assertThat(back.columns()).isEqualTo(h.columns());
        assertThat(back.row(0)).isEqualTo(h.row(0));
        assertThat(h.row(0).get("loss")).isEqualTo((double) 0.1f);
    }

    /** A file from before the columns were named is read by position: as many of the known names as it is wide. */
    @Test
    void anOlderFileIsReadByPosition() {
        Map<String, Tensor> tensors = Map.of("history.x", Tensor.of(new float[] {1, 0.5f, 2, 0.25f}, 2, 2));
        History h = History.read(new ModelFile("test", Map.of(), List.of(), tensors), "history.x", List.of("epoch", "loss", "seconds"));
        assertThat(h.columns()).containsExactly("epoch", "loss");
        assertThat(h.column("loss")).containsExactly(0.5, 0.25);
        assertThat(History.read(new ModelFile("test", Map.of(), List.of(), Map.of()), "history.x", List.of("epoch")).size()).isZero();
    }

    /** A run from a trained model continues its history: the earlier rows, then this run's with epochs counted on. */
    @Test
    void aContinuedRunCountsItsEpochsOnAndFillsAColumnTheEarlierRunDidNotRecord() {
        History earlier = new History(List.of("epoch", "loss"));
        earlier.add(row(1, 0.5));
        earlier.add(row(2, 0.4));
        History run = new History(List.of("epoch", "loss", "seconds"));
        Map<String, Double> r = new LinkedHashMap<>(row(1, 0.3));
        r.put("seconds", 7.0);
        run.add(r);
        History both = History.continued(earlier, run);
        assertThat(both.column("epoch")).containsExactly(1.0, 2.0, 3.0);
        assertThat(both.column("loss")).containsExactly((double) 0.5f, (double) 0.4f, (double) 0.3f);
        assertThat(both.column("seconds")).containsExactly(Double.NaN, Double.NaN, 7.0);
        History copy = earlier.copy();
        earlier.truncate(0);
        assertThat(copy.size()).isEqualTo(2);
    }
}
