package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vaelab.api.TextImageModel;

/** The demo grid's rows name their sentence, not only a mood and a number. */
class DemoRowLabelTest {
    private static TextImageModel.Generation of(String text, double p) {
        return new TextImageModel.Generation(text, List.of(), List.of(), text, 0, false, false, TextImageModel.Sentiment.of(p),
                TextImageModel.Sentiment.of(p), List.of());
    }

    @Test
    void aRowSaysItsSentenceAndTheJudgedMood() {
        assertThat(DemoCommand.rowLabel(2, of("a quiet lake at  sunset", 0.93), t -> true))
                .isEqualTo("2. \u201ca quiet lake at sunset\u201d: judged positive (p(positive) = 0.93)");
    }

    @Test
    void aLongSentenceIsShortenedToFitTheRow() {
        String label = DemoCommand.rowLabel(1, of("a ".repeat(100) + "end", 0.1), t -> true);
        assertThat(label).contains("\u2026\u201d: judged negative (p(positive) = 0.10)");
        assertThat(label.indexOf('\u201d') - label.indexOf('\u201c') - 1).isLessThanOrEqualTo(DemoCommand.ROW_TEXT);
    }

    @Test
    void aSentenceTheFontCannotDrawIsNamedByItsNumberNotAsBoxes() {
        assertThat(DemoCommand.rowLabel(3, of("雪山下有一群动物", 0.8), t -> !t.contains("雪")))
                .isEqualTo("3. (sentence 3 of report.html): judged positive (p(positive) = 0.80)");
    }
}
