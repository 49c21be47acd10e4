package vaelab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.testing.IdxFixtures;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void loadsAndScalesToUnitInterval() throws Exception {
        IdxFixtures.writeFakeFashionMnist(dir, "train", 12);
        LabeledImages d = FashionMnist.load(dir, FashionMnist.Split.TRAIN);
        assertThat(d.count()).isEqualTo(12);
        assertThat(d.labels()).startsWith(0, 1, 2).contains(9);
        assertThat(d.pixels()[0]).isZero();
        assertThat(d.pixels()[255]).isEqualTo(1f); // byte value 255
        for (float p : d.pixels()) {
            assertThat(p).isBetween(0f, 1f);
        }
        assertThat(d.images(new int[] {3, 1}).shape().dims()).containsExactly(2, 1, 28, 28);
        assertThat(d.head(5).count()).isEqualTo(5);
    }

    @Test
    void aMissingDatasetSaysHowToInstallIt() {
        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
                .hasMessageContaining("apt-get install dataset-fashion-mnist").hasMessageContaining("--data-dir");
    }

    @Test
    void mismatchedCountsAreReported() throws Exception {
        IdxFixtures.writeFakeFashionMnist(dir, "t10k", 10);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFixtures.idx(9));
        assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST)).hasMessageContaining("10 images but 9 labels");
    }

    /** The real files from Debian's dataset-fashion-mnist, which .ci/run installs. */
    @Test
    void readsTheRealDataset() throws Exception {
        LabeledImages train = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TRAIN);
        LabeledImages test = FashionMnist.load(FashionMnist.DEFAULT_DIR, FashionMnist.Split.TEST);
        assertThat(train.count()).isEqualTo(60_000);
        assertThat(test.count()).isEqualTo(10_000);
        int[] perClass = new int[10];
        for (int y : test.labels()) {
            perClass[y]++;
        }
        assertThat(perClass).containsOnly(1000);
        double mean = 0;
        for (float p : train.pixels()) {
            mean += p;
        }
        // Fashion-MNIST's mean intensity is 0.2860.
        assertThat(mean / train.pixels().length).isBetween(0.285, 0.287);
    }
}
