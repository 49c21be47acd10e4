package vaelab.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Thousands of damaged files: each is either read correctly or refused with a ModelFileException. */
class ModelFileFuzzProperties {
    static final byte[] GOOD = ModelFileTest.sample().encode();
    /** A version-2 file: one tensor in 16 bits, the others in f32, each with its encoding byte. */
    static final byte[] GOOD_HALF = ModelFileTest.sample().withHalfPrecision(n -> n.equals("encoder.weight")).encode();

    static void readsOrRefusesCleanly(byte[] bytes) {
        try {
            ModelFile m = ModelFile.decode(Path.of("fuzz.vae"), bytes);
            assertThat(m.architecture()).isNotNull();
        } catch (ModelFileException expected) {
            assertThat(expected.getMessage()).startsWith("model file fuzz.vae: ");
        }
    }

    @Property(tries = 3000)
    void flippedBytes(@ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll byte value) {
        byte[] b = GOOD.clone();
        b[position % b.length] ^= (byte) (value | 1);
        readsOrRefusesCleanly(b);
    }

    @Property(tries = 1000)
    void truncatedOrExtended(@ForAll @IntRange(min = 0, max = 2000) int length) {
        readsOrRefusesCleanly(Arrays.copyOf(GOOD, length));
    }

    @Property(tries = 2000)
    void randomGarbage(@ForAll @Size(max = 300) byte[] garbage) {
        readsOrRefusesCleanly(garbage);
    }

    /** Random payloads behind a valid header and checksum exercise the parser itself, not just the CRC. */
    @Property(tries = 3000)
    void randomPayloadsWithAValidChecksum(@ForAll @Size(max = 200) byte[] payload) {
        ByteBuffer p = ByteBuffer.allocate(payload.length).order(ByteOrder.LITTLE_ENDIAN).put(payload);
        readsOrRefusesCleanly(ModelFileTest.frame(p));
    }

    /** The real payload with one field changed and the checksum recomputed. */
    @Property(tries = 3000)
    void validChecksumOverAMutatedPayload(@ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll byte value) {
        int payloadLength = GOOD.length - ModelFile.HEADER - 4;
        byte[] payload = Arrays.copyOfRange(GOOD, ModelFile.HEADER, ModelFile.HEADER + payloadLength);
        payload[position % payload.length] = value;
        ByteBuffer p = ByteBuffer.allocate(payload.length).order(ByteOrder.LITTLE_ENDIAN).put(payload);
        readsOrRefusesCleanly(ModelFileTest.frame(p));
    }

    @Property(tries = 3000)
    void validChecksumOverAMutatedSixteenBitPayload(@ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll byte value) {
        int payloadLength = GOOD_HALF.length - ModelFile.HEADER - 4;
        byte[] payload = Arrays.copyOfRange(GOOD_HALF, ModelFile.HEADER, ModelFile.HEADER + payloadLength);
        payload[position % payload.length] = value;
        ByteBuffer p = ByteBuffer.allocate(payload.length).order(ByteOrder.LITTLE_ENDIAN).put(payload);
        readsOrRefusesCleanly(ModelFileTest.frame(p, ModelFile.VERSION));
    }

    @Property(tries = 2000)
    void randomVersionTwoPayloadsWithAValidChecksum(@ForAll @Size(max = 200) byte[] payload) {
        ByteBuffer p = ByteBuffer.allocate(payload.length).order(ByteOrder.LITTLE_ENDIAN).put(payload);
        readsOrRefusesCleanly(ModelFileTest.frame(p, ModelFile.VERSION));
    }
}
