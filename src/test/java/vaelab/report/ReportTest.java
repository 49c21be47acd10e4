package vaelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vaelab.train.TrainingListener;

class ReportTest {
    @Test
    void durations() {
        assertThat(ConsoleProgress.duration(5)).isEqualTo("5s");
        assertThat(ConsoleProgress.duration(75)).isEqualTo("1m15s");
        assertThat(ConsoleProgress.duration(3700)).isEqualTo("1h01m");
        assertThat(ConsoleProgress.duration(Double.NaN)).isEqualTo("?");
    }

    @Test
    void plainLinesWhenNotATerminal() {
        StringWriter s = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(s), false, 10);
        p.batchDone(new TrainingListener.Progress(1, 2, 1, 100, 0.5, 1000, 0.1, 20));
        p.batchDone(new TrainingListener.Progress(1, 2, 2, 100, 0.5, 1000, 0.2, 20)); // within 10 s: not printed
        p.batchDone(new TrainingListener.Progress(1, 2, 50, 100, 0.25, 900, 10.5, 20));
        p.epochDone(1, Map.of("test_accuracy", 0.91234));
        String[] lines = s.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("epoch 1/2 batch 1/100 loss 0.5000 1000 img/s elapsed 0s ETA 20s");
        assertThat(lines[2]).isEqualTo("epoch 1 done: test_accuracy 0.9123");
        assertThat(s.toString()).doesNotContain("\r");
    }

    @Test
    void aBarOnATerminal() {
        String bar = ConsoleProgress.bar(new TrainingListener.Progress(2, 3, 50, 100, 0.3, 500, 60, 90));
        assertThat(bar).startsWith("epoch 2/3 [############............] 50/100 loss 0.3000  500 img/s  ETA 1m30s");
    }

    @Test
    void jsonEscapesAndNests() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "a \"quote\"\n和\\");
        m.put("n", 3);
        m.put("x", 0.5);
        m.put("nan", Double.NaN);
        m.put("list", List.of(1, "b"));
        assertThat(Json.write(m)).isEqualTo("{\"text\": \"a \\\"quote\\\"\\n和\\\\\", \"n\": 3, \"x\": 0.5, \"nan\": null, \"list\": [1, \"b\"]}");
    }
}
