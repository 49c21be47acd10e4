package vaelab.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/**
 * A model's parameters with what is needed to rebuild it: the architecture's name, its
 * hyperparameters, and a vocabulary where the model has one. Checkpoints use the same format.
 *
 * <p>The format (little-endian), described in docs/MODEL-FORMAT.md:
 * <pre>
 * magic "VAELAB\r\n" | u32 version | u64 payload length | payload | u32 CRC-32 of everything before it
 * payload: string architecture
 *          u32 n, n × (string key, string value)        hyperparameters
 *          u32 n, n × string                            vocabulary
 *          u32 n, n × (string name, u8 rank, rank × u32 dim, [u8 encoding,] dims' product × value)   tensors
 * string:  u32 byte length, UTF-8 bytes
 * </pre>
 * Version 1 stores every value as f32 and has no encoding byte. Version 2, written only when some
 * tensor is stored in 16 bits ({@link #withHalfPrecision}), gives each tensor an encoding byte:
 * 0 for f32, 1 for IEEE binary16 ({@link Float16}). Checkpoints stay in f32, so that resuming is exact.
 * Reading checks the magic, the version, the length and the checksum before parsing, and checks
 * every count and size against the bytes that remain before allocating anything, so a damaged or
 * hostile file fails with one {@link ModelFileException} and never with an OutOfMemoryError.
 */
public record ModelFile(String architecture, Map<String, String> hyperparameters, List<String> vocabulary,
                        Map<String, Tensor> tensors, Set<String> halfPrecision) {
    /** The newest version this reads and writes; files with only f32 tensors are still written as version 1. */
    public static final int VERSION = 2;
    static final int VERSION_F32_ONLY = 1;
    static final int ENCODING_F32 = 0;
    static final int ENCODING_F16 = 1;
    static final byte[] MAGIC = {'V', 'A', 'E', 'L', 'A', 'B', '\r', '\n'};
    static final int HEADER = MAGIC.length + 4 + 8;
    /** Larger files are refused before reading; every shipped model is far smaller. */
    static final long MAX_FILE_BYTES = 1L << 30;
    static final int MAX_RANK = 8;

    public ModelFile {
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        vocabulary = List.copyOf(vocabulary);
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        halfPrecision = Collections.unmodifiableSet(new LinkedHashSet<>(halfPrecision));
        if (!tensors.keySet().containsAll(halfPrecision)) {
            throw new IllegalArgumentException("16-bit storage named for tensors the file does not hold: " + halfPrecision);
        }
    }

    /** A file whose tensors are all stored as f32. */
    public ModelFile(String architecture, Map<String, String> hyperparameters, List<String> vocabulary, Map<String, Tensor> tensors) {
        this(architecture, hyperparameters, vocabulary, tensors, Set.of());
    }

    /**
     * This file with the tensors {@code which} picks stored in 16 bits, half the bytes. Their values
     * are rounded here to what a reader will get back, so a model built from the returned file
     * computes exactly what one read from the written file does.
     *
     * @throws IllegalArgumentException naming the tensor, if a value lies beyond ±65504 and would become infinite
     */
    public ModelFile withHalfPrecision(Predicate<String> which) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<String> half = new LinkedHashSet<>(halfPrecision);
        tensors.forEach((name, t) -> {
            if (!which.test(name) || half.contains(name)) {
                out.put(name, t);
                return;
            }
            float[] src = t.data();
            float[] rounded = new float[src.length];
            for (int i = 0; i < src.length; i++) {
                if (Float.isFinite(src[i]) && Math.abs(src[i]) > Float16.MAX_VALUE) {
                    throw new IllegalArgumentException("tensor '" + name + "' holds " + src[i]
                            + ", beyond the ±" + Float16.MAX_VALUE + " that 16 bits can store; keep it in 32 bits");
                }
                rounded[i] = Float16.round(src[i]);
            }
            out.put(name, Tensor.of(rounded, Shape.of(t.dims())));
            half.add(name);
        });
        return new ModelFile(architecture, hyperparameters, vocabulary, out, half);
    }

    /** The tensors whose names start with {@code prefix}, under their names without it (e.g. a module's state). */
    public Map<String, Tensor> tensorsUnder(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    public int intParameter(Path file, String key) throws ModelFileException {
        String v = hyperparameters.get(key);
        if (v == null) {
            throw new ModelFileException(file, "hyperparameter '" + key + "' is missing");
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ModelFileException(file, "hyperparameter '" + key + "' is not a whole number: '" + v + "'");
        }
    }

    /** Throws unless this file holds the expected architecture. */
    public void requireArchitecture(Path file, String expected) throws ModelFileException {
        if (!architecture.equals(expected)) {
            throw new ModelFileException(file, "holds a '" + architecture + "' model, not a '" + expected + "'");
        }
    }

    // ---- writing ----

    /** Writes atomically: to a temporary file beside {@code file}, flushed to disk, then renamed over it. */
    public void write(Path file) throws IOException {
        byte[] bytes = encode();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    byte[] encode() {
        ByteSink out = new ByteSink();
        out.string(architecture);
        out.u32(hyperparameters.size());
        hyperparameters.forEach((k, v) -> {
            out.string(k);
            out.string(v);
        });
        out.u32(vocabulary.size());
        vocabulary.forEach(out::string);
        boolean encodings = !halfPrecision.isEmpty();
        out.u32(tensors.size());
        tensors.forEach((name, t) -> {
            out.string(name);
            out.u8(t.rank());
            for (int d : t.dims()) {
                out.u32(d);
            }
            if (!encodings) {
                out.floats(t.data());
            } else if (halfPrecision.contains(name)) {
                out.u8(ENCODING_F16);
                out.halves(t.data());
            } else {
                out.u8(ENCODING_F32);
                out.floats(t.data());
            }
        });
        byte[] payload = out.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(encodings ? VERSION : VERSION_F32_ONLY).putLong(payload.length).put(payload);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    // ---- reading ----

    public static ModelFile read(Path file) throws ModelFileException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ModelFileException(file, "is " + size + " bytes, more than the " + MAX_FILE_BYTES
                        + " a model file may have; it is not a vaelab model");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "does not exist");
        } catch (AccessDeniedException e) {
            throw new ModelFileException(file, "cannot be read (permission denied)");
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        return decode(file, bytes);
    }

    /**
     * Reads a model file's bytes that came from elsewhere than a file (a broadcast variable, a
     * resource, a database); {@code name} stands for the file in messages.
     */
    public static ModelFile fromBytes(String name, byte[] bytes) throws ModelFileException {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ModelFileException(Path.of(name), "is " + bytes.length + " bytes, more than a model file may have");
        }
        return decode(Path.of(name), bytes);
    }

    static ModelFile decode(Path file, byte[] bytes) throws ModelFileException {
        if (bytes.length < HEADER + 4 || !startsWithMagic(bytes)) {
            throw new ModelFileException(file, "is not a vaelab model file (no 'VAELAB' signature at its start)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.position(MAGIC.length);
        int version = b.getInt();
        if (version != VERSION && version != VERSION_F32_ONLY) {
            throw new ModelFileException(file, "has format version " + Integer.toUnsignedString(version)
                    + (Integer.compareUnsigned(version, VERSION) > 0 ? ", written by a newer vaelab;" : ";")
                    + " this vaelab reads versions " + VERSION_F32_ONLY + " and " + VERSION);
        }
        long payloadLength = b.getLong();
        long expected = HEADER + payloadLength + 4;
        if (payloadLength < 0 || expected != bytes.length) {
            throw new ModelFileException(file, payloadLength >= 0 && expected > bytes.length
                    ? "is truncated: its header announces " + expected + " bytes but it has " + bytes.length
                    : "has " + bytes.length + " bytes where its header announces " + expected);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if ((int) crc.getValue() != stored) {
            throw new ModelFileException(file, "is corrupted: its checksum does not match its contents");
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, HEADER, (int) payloadLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        try {
            return parse(file, payload, version == VERSION);
        } catch (java.nio.BufferUnderflowException e) {
            throw new ModelFileException(file, "ends in the middle of a field");
        }
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static ModelFile parse(Path file, ByteBuffer p, boolean encodings) throws ModelFileException {
        String architecture = string(file, p, "architecture");
        int nHyper = count(file, p, 8, "hyperparameters");
        Map<String, String> hyper = new LinkedHashMap<>();
        for (int i = 0; i < nHyper; i++) {
            String k = string(file, p, "hyperparameter name");
            hyper.put(k, string(file, p, "hyperparameter '" + k + "'"));
        }
        int nVocab = count(file, p, 4, "vocabulary entries");
        List<String> vocab = new ArrayList<>(nVocab);
        for (int i = 0; i < nVocab; i++) {
            vocab.add(string(file, p, "vocabulary entry " + i));
        }
        int nTensors = count(file, p, 5, "tensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Set<String> half = new LinkedHashSet<>();
        for (int i = 0; i < nTensors; i++) {
            String name = string(file, p, "tensor name");
            int rank = p.get() & 0xFF;
            if (rank > MAX_RANK) {
                throw new ModelFileException(file, "tensor '" + name + "' claims rank " + rank + " (at most " + MAX_RANK + ")");
            }
            if (p.remaining() < 4L * rank) {
                throw new ModelFileException(file, "ends in the middle of tensor '" + name + "'");
            }
            int[] dims = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                long dim = Integer.toUnsignedLong(p.getInt());
                size *= dim;
                if (size > p.remaining()) { // every value takes at least two bytes; this also keeps size from overflowing
                    throw new ModelFileException(file, "tensor '" + name + "' claims more values than the file holds");
                }
                dims[d] = (int) dim;
            }
            int encoding = encodings ? p.get() & 0xFF : ENCODING_F32;
            if (encoding != ENCODING_F32 && encoding != ENCODING_F16) {
                throw new ModelFileException(file, "tensor '" + name + "' has value encoding " + encoding
                        + " (this vaelab reads 0, f32, and 1, 16-bit)");
            }
            int bytesPerValue = encoding == ENCODING_F16 ? 2 : 4;
            if (size * bytesPerValue > p.remaining()) {
                throw new ModelFileException(file, "tensor '" + name + "' claims more values than the file holds");
            }
            float[] data = new float[(int) size];
            if (encoding == ENCODING_F16) {
                for (int j = 0; j < data.length; j++) {
                    data[j] = Float16.toFloat(p.getShort());
                }
                half.add(name);
            } else {
                p.asFloatBuffer().get(data);
                p.position(p.position() + 4 * data.length);
            }
            if (tensors.put(name, Tensor.of(data, Shape.of(dims))) != null) {
                throw new ModelFileException(file, "holds two tensors named '" + name + "'");
            }
        }
        if (p.hasRemaining()) {
            throw new ModelFileException(file, "has " + p.remaining() + " unexpected bytes after its last tensor");
        }
        return new ModelFile(architecture, hyper, vocab, tensors, half);
    }

    /** A count of entries each at least {@code minBytes} long, checked against what remains. */
    private static int count(Path file, ByteBuffer p, int minBytes, String what) throws ModelFileException {
        long n = Integer.toUnsignedLong(p.getInt());
        if (n * minBytes > p.remaining()) {
            throw new ModelFileException(file, "claims " + n + " " + what + ", more than the file can hold");
        }
        return (int) n;
    }

    private static String string(Path file, ByteBuffer p, String what) throws ModelFileException {
        long len = Integer.toUnsignedLong(p.getInt());
        if (len > p.remaining()) {
            throw new ModelFileException(file, "claims a " + len + "-byte " + what + ", more than the file holds");
        }
        byte[] s = new byte[(int) len];
        p.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** A growable little-endian byte buffer for encoding. */
    private static final class ByteSink {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void ensure(int more) {
            if (buf.remaining() < more) {
                long need = (long) buf.position() + more;
                if (need > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("a model larger than 2 GiB cannot be written");
                }
                int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * buf.capacity()));
                ByteBuffer bigger = ByteBuffer.allocate(cap).order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void u8(int v) {
            ensure(1);
            buf.put((byte) v);
        }

        void u32(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            ensure(b.length);
            buf.put(b);
        }

        void floats(float[] values) {
            ensure(4 * values.length);
            buf.asFloatBuffer().put(values);
            buf.position(buf.position() + 4 * values.length);
        }

        void halves(float[] values) {
            ensure(2 * values.length);
            for (float v : values) {
                buf.putShort(Float16.fromFloat(v));
            }
        }

        byte[] toByteArray() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }
}
