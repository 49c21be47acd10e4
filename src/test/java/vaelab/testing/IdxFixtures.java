package vaelab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small IDX files and Fashion-MNIST look-alikes that tests write themselves. */
public final class IdxFixtures {
    private IdxFixtures() {
    }

    /** An IDX file of unsigned bytes with the given dimensions and values 0, 1, 2, … (mod 256). */
    public static byte[] idx(int... dims) {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        byte[] b = new byte[4 + 4 * dims.length + size];
        b[2] = 0x08;
        b[3] = (byte) dims.length;
        for (int i = 0; i < dims.length; i++) {
            int at = 4 + 4 * i;
            b[at] = (byte) (dims[i] >>> 24);
            b[at + 1] = (byte) (dims[i] >>> 16);
            b[at + 2] = (byte) (dims[i] >>> 8);
            b[at + 3] = (byte) dims[i];
        }
        for (int i = 0; i < size; i++) {
            b[4 + 4 * dims.length + i] = (byte) i;
        }
        return b;
    }

    public static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    /** Writes n images of 28×28 (gzipped) and labels 0, 1, …, 9, 0, … (plain) with the given prefix. */
    public static void writeFakeFashionMnist(Path dir, String prefix, int n) throws IOException {
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(idx(n, 28, 28)));
        byte[] labels = idx(n);
        for (int i = 0; i < n; i++) {
            labels[8 + i] = (byte) (i % 10);
        }
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels);
    }
}
