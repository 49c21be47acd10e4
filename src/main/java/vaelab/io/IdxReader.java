package vaelab.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, plain or gzipped: two zero bytes, a type byte
 * (0x08 = unsigned bytes, the only type those data sets use), the number of dimensions, each
 * dimension as a big-endian u32, then the values. The sizes must account for every byte.
 */
public final class IdxReader {
    /** More than any IDX file of these data sets; a larger (or decompression-bomb) file is refused. */
    static final long MAX_BYTES = 1L << 30;

    /** The dimensions and the unsigned byte values, row-major. */
    public record IdxArray(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }
    }

    private IdxReader() {
    }

    public static IdxArray read(Path file) throws IOException {
        byte[] raw;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            raw = readCapped(gzip ? new GZIPInputStream(in) : in, file);
        } catch (NoSuchFileException e) {
            throw new IOException("IDX file " + file + " does not exist");
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException("IDX file " + file + " is a damaged gzip stream: " + e.getMessage());
        }
        return parse(file, raw);
    }

    private static byte[] readCapped(InputStream in, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > MAX_BYTES) {
                throw new IOException("IDX file " + file + " holds more than " + MAX_BYTES + " bytes; refusing to read it");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static IdxArray parse(Path file, byte[] raw) throws IOException {
        if (raw.length < 4 || raw[0] != 0 || raw[1] != 0) {
            throw new IOException("IDX file " + file + " does not start with an IDX signature (two zero bytes)");
        }
        int type = raw[2] & 0xFF;
        if (type != 0x08) {
            throw new IOException("IDX file " + file + " holds values of type 0x" + Integer.toHexString(type)
                    + "; only unsigned bytes (0x08) are supported");
        }
        int rank = raw[3] & 0xFF;
        if (rank < 1 || rank > 4) {
            throw new IOException("IDX file " + file + " claims " + rank + " dimensions; expected 1 to 4");
        }
        if (raw.length < 4 + 4 * rank) {
            throw new IOException("IDX file " + file + " is truncated inside its header");
        }
        int[] dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            int at = 4 + 4 * i;
            long d = ((raw[at] & 0xFFL) << 24) | ((raw[at + 1] & 0xFFL) << 16) | ((raw[at + 2] & 0xFFL) << 8) | (raw[at + 3] & 0xFFL);
            if (d == 0 || d > Integer.MAX_VALUE) {
                throw new IOException("IDX file " + file + " has an invalid dimension " + d);
            }
            dims[i] = (int) d;
            size *= d;
            if (size > MAX_BYTES) {
                throw new IOException("IDX file " + file + " claims dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1))
                        + "…, more values than it can hold");
            }
        }
        int header = 4 + 4 * rank;
        long actual = raw.length - header;
        if (actual != size) {
            throw new IOException("IDX file " + file + " has " + actual + " bytes of values where its dimensions "
                    + Arrays.toString(dims) + " need " + size + (actual < size ? " (truncated)" : ""));
        }
        return new IdxArray(dims, Arrays.copyOfRange(raw, header, raw.length));
    }
}
