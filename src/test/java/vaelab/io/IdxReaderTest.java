package vaelab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static vaelab.testing.IdxFixtures.gzip;
import static vaelab.testing.IdxFixtures.idx;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsPlainAndGzipped() throws Exception {
        Path plain = Files.write(dir.resolve("a-idx3-ubyte"), idx(2, 3, 4));
        Path gz = Files.write(dir.resolve("a-idx3-ubyte.gz"), gzip(idx(2, 3, 4)));
        for (Path p : new Path[] {plain, gz}) {
            IdxReader.IdxArray a = IdxReader.read(p);
            assertThat(a.dims()).containsExactly(2, 3, 4);
            assertThat(a.data()).hasSize(24);
            assertThat(a.data()[23]).isEqualTo((byte) 23);
            assertThat(a.count()).isEqualTo(2);
        }
    }

    @Test
    void refusesDamagedFilesWithTheirName() throws Exception {
        byte[] good = idx(5, 2);
        Path f = dir.resolve("bad");
        Files.write(f, java.util.Arrays.copyOf(good, good.length - 1));
        assertThatThrownBy(() -> IdxReader.read(f)).hasMessageContaining(f.toString()).hasMessageContaining("truncated");
        byte[] wrongType = good.clone();
        wrongType[2] = 0x0D;
        Files.write(f, wrongType);
        assertThatThrownBy(() -> IdxReader.read(f)).hasMessageContaining("type 0xd");
        byte[] notIdx = good.clone();
        notIdx[0] = 7;
        Files.write(f, notIdx);
        assertThatThrownBy(() -> IdxReader.read(f)).hasMessageContaining("IDX signature");
        byte[] gz = gzip(good);
        Files.write(f, java.util.Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.read(f)).isInstanceOf(IOException.class).hasMessageContaining(f.toString());
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("missing"))).hasMessageContaining("does not exist");
    }

    @Property(tries = 3000)
    void fuzzedHeadersAreReadOrRefused(@ForAll @Size(max = 64) byte[] bytes) {
        try {
            IdxReader.IdxArray a = IdxReader.parse(Path.of("fuzz"), bytes);
            long size = 1;
            for (int d : a.dims()) {
                size *= d;
            }
            assertThat(a.data().length).isEqualTo(size);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).contains("fuzz");
        }
    }
}
