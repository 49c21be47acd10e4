package vaelab.data.scenes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vaelab.tensor.Parallel;

class ScenesDatasetTest {
    @Test
    void sameSplitSameExamplesAtAnyThreadCount() {
        ScenesDataset a;
        ScenesDataset b;
        Parallel.setThreads(1);
        try {
            a = ScenesDataset.generate(ScenesDataset.Split.TRAIN, 600);
        } finally {
            Parallel.setThreads(Runtime.getRuntime().availableProcessors());
        }
        b = ScenesDataset.generate(ScenesDataset.Split.TRAIN, 600);
        for (int i = 0; i < 600; i++) {
            assertThat(b.caption(i)).isEqualTo(a.caption(i));
            assertThat(b.scene(i)).isEqualTo(a.scene(i));
        }
        assertThat(b.pixels()).isEqualTo(a.pixels());
        // A prefix is the same examples: example i depends on (split, i) only.
        assertThat(ScenesDataset.generate(ScenesDataset.Split.TRAIN, 10).caption(9)).isEqualTo(a.caption(9));
    }

    @Test
    void splitsDifferAndNoTwoPicturesAreAlike() {
        ScenesDataset train = ScenesDataset.generate(ScenesDataset.Split.TRAIN, 300);
        ScenesDataset test = ScenesDataset.generate(ScenesDataset.Split.TEST, 300);
        Set<Integer> hashes = new HashSet<>();
        for (ScenesDataset d : new ScenesDataset[] {train, test}) {
            for (int i = 0; i < d.count(); i++) {
                hashes.add(java.util.Arrays.hashCode(d.image(i)));
            }
        }
        assertThat(hashes).hasSize(600);
    }

    @Test
    void aboutHalfEachLanguageAndSentiment() {
        ScenesDataset d = ScenesDataset.generate(ScenesDataset.Split.VALIDATION, 4000);
        int english = 0;
        int positive = 0;
        for (int i = 0; i < d.count(); i++) {
            english += d.language(i) == Language.ENGLISH ? 1 : 0;
            positive += d.scene(i).positive() ? 1 : 0;
        }
        assertThat(english).isBetween(1800, 2200);
        assertThat(positive).isBetween(1800, 2200);
        assertThat(vaelab.data.LabeledImages.sentimentOf(d).classNames()).containsExactly("negative", "positive");
        assertThat(vaelab.data.LabeledImages.sentimentOf(d).channels()).isEqualTo(3);
    }
}
