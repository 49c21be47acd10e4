package vaelab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

class ModelFileTest {
    @TempDir
    Path dir;

    static ModelFile sample() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Rng rng = new Rng(1);
        tensors.put("encoder.weight", Tensor.randn(rng, 3, 4));
        tensors.put("encoder.bias", Tensor.randn(rng, 4));
        tensors.put("scalar", Tensor.scalar(2.5f));
        return new ModelFile("vae-mlp", Map.of("latent", "20", "hidden", "400"), List.of("<pad>", "山峰", "river"), tensors);
    }

    @Test
    void roundTrips() throws Exception {
        Path f = dir.resolve("m.vae");
        ModelFile m = sample();
        m.write(f);
        ModelFile back = ModelFile.read(f);
        assertThat(back.architecture()).isEqualTo("vae-mlp");
        assertThat(back.hyperparameters()).isEqualTo(m.hyperparameters());
        assertThat(back.vocabulary()).containsExactly("<pad>", "山峰", "river");
        assertThat(back.tensors().keySet()).containsExactly("encoder.weight", "encoder.bias", "scalar");
        for (String k : m.tensors().keySet()) {
            assertThat(back.tensors().get(k).shape()).isEqualTo(m.tensors().get(k).shape());
            assertThat(back.tensors().get(k).data()).containsExactly(m.tensors().get(k).data());
        }
        assertThat(back.intParameter(f, "latent")).isEqualTo(20);
    }

    @Test
    void aFileWithOnlyF32TensorsIsStillWrittenAsVersionOne() {
        byte[] bytes = sample().encode();
        assertThat(ByteBuffer.wrap(bytes, ModelFile.MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(1);
    }

    @Test
    void sixteenBitTensorsRoundTripAsTheRoundedValuesAndTakeHalfTheBytes() throws Exception {
        ModelFile m = sample();
        ModelFile half = m.withHalfPrecision(name -> name.startsWith("encoder."));
        assertThat(half.halfPrecision()).containsExactly("encoder.weight", "encoder.bias");
        float[] w = m.tensors().get("encoder.weight").data();
        float[] hw = half.tensors().get("encoder.weight").data();
        for (int i = 0; i < w.length; i++) {
            assertThat(hw[i]).isEqualTo(Float16.round(w[i]));
            assertThat(Math.abs(hw[i] - w[i])).isLessThanOrEqualTo(Math.abs(w[i]) * 0x1p-11f);
        }
        assertThat(half.tensors().get("scalar").data()).containsExactly(2.5f);

        Path f = dir.resolve("half.vae");
        half.write(f);
        byte[] bytes = Files.readAllBytes(f);
        assertThat(ByteBuffer.wrap(bytes, ModelFile.MAGIC.length, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(2);
        // 16 values at 2 bytes instead of 4, plus one encoding byte for each of the 3 tensors
        assertThat(bytes.length).isEqualTo(m.encode().length - 2 * 16 + 3);
        ModelFile back = ModelFile.read(f);
        assertThat(back.halfPrecision()).containsExactly("encoder.weight", "encoder.bias");
        for (String k : half.tensors().keySet()) {
            assertThat(back.tensors().get(k).shape()).isEqualTo(half.tensors().get(k).shape());
            assertThat(back.tensors().get(k).data()).containsExactly(half.tensors().get(k).data());
        }
        assertThat(back.encode()).isEqualTo(bytes); // read and written again, it keeps its encodings
    }

    @Test
    void refusesToStoreInSixteenBitsAValueThatWouldBecomeInfinite() {
        ModelFile m = new ModelFile("x", Map.of(), List.of(), Map.of("big", Tensor.of(new float[] {1f, 70000f}, vaelab.tensor.Shape.of(2))));
        assertThatThrownBy(() -> m.withHalfPrecision(n -> true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensor 'big' holds 70000.0");
    }

    @Test
    void refusesAnUnknownValueEncodingAndAFutureVersion() {
        ByteBuffer p = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        putString(p, "x");
        p.putInt(0).putInt(0).putInt(1);
        putString(p, "t");
        p.put((byte) 1).putInt(2).put((byte) 7).putInt(0).putInt(0);
        assertThatThrownBy(() -> ModelFile.decode(Path.of("enc.vae"), frame(p, 2)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("tensor 't' has value encoding 7");
        assertThatThrownBy(() -> ModelFile.decode(Path.of("v3.vae"), frame(ByteBuffer.allocate(0), 3)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("format version 3, written by a newer vaelab");
    }

    @Test
    void writesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path f = dir.resolve("m.vae");
        sample().write(f);
        sample().write(f); // replaces
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m.vae");
        }
    }

    @Test
    void clearMessages() throws Exception {
        Path f = dir.resolve("m.vae");
        sample().write(f);
        byte[] good = Files.readAllBytes(f);

        assertThatThrownBy(() -> ModelFile.read(dir.resolve("nope.vae")))
                .isInstanceOf(ModelFileException.class).hasMessage("model file " + dir.resolve("nope.vae") + ": does not exist");

        Files.write(f, java.util.Arrays.copyOf(good, good.length - 10));
        assertThatThrownBy(() -> ModelFile.read(f)).hasMessageContaining("truncated").hasMessageContaining(f.toString());

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40;
        Files.write(f, flipped);
        assertThatThrownBy(() -> ModelFile.read(f)).hasMessageContaining("corrupted");

        byte[] newer = good.clone();
        newer[8] = 3;
        Files.write(f, newer);
        assertThatThrownBy(() -> ModelFile.read(f)).hasMessageContaining("format version 3, written by a newer vaelab");

        Files.writeString(f, "hello, I am a text file pretending to be a model");
        assertThatThrownBy(() -> ModelFile.read(f)).hasMessageContaining("is not a vaelab model file");

        Files.write(f, good);
        ModelFile m = ModelFile.read(f);
        assertThatThrownBy(() -> m.requireArchitecture(f, "classifier"))
                .hasMessageContaining("holds a 'vae-mlp' model, not a 'classifier'");
        assertThatThrownBy(() -> m.intParameter(f, "depth")).hasMessageContaining("'depth' is missing");
    }

    /** A payload with a valid checksum whose tensor claims 2^32-1 × 2^32-1 values: refused before allocation. */
    @Test
    void hugeClaimsWithAValidChecksumAreRefusedBeforeAllocation() {
        ByteBuffer payload = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        putString(payload, "x");
        payload.putInt(0).putInt(0).putInt(1);
        putString(payload, "w");
        payload.put((byte) 2).putInt(-1).putInt(-1);
        assertThatThrownBy(() -> ModelFile.decode(Path.of("huge.vae"), frame(payload)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("claims more values than the file holds");

        ByteBuffer manyStrings = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        putString(manyStrings, "x");
        manyStrings.putInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> ModelFile.decode(Path.of("huge.vae"), frame(manyStrings)))
                .hasMessageContaining("claims 2147483647 hyperparameters");

        ByteBuffer longString = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        longString.putInt(-2);
        assertThatThrownBy(() -> ModelFile.decode(Path.of("huge.vae"), frame(longString)))
                .hasMessageContaining("4294967294-byte architecture");
    }

    static void putString(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(bytes.length).put(bytes);
    }

    /** Wraps a payload in a valid header and checksum. */
    static byte[] frame(ByteBuffer payload) {
        return frame(payload, ModelFile.VERSION_F32_ONLY);
    }

    /** Wraps a payload in a valid header of the given format version and checksum. */
    static byte[] frame(ByteBuffer payload, int version) {
        int len = payload.position();
        ByteBuffer b = ByteBuffer.allocate(ModelFile.HEADER + len + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ModelFile.MAGIC).putInt(version).putLong(len).put(payload.array(), 0, len);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
