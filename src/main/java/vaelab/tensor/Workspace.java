package vaelab.tensor;

/**
 * Reusable scratch arrays, one set per thread, for temporaries that never leave an op (unfolded
 * patches, transposed layouts). Allocating and zeroing a fresh 10–30 MB array costs more than the
 * arithmetic done on it, so kernels borrow these instead. Contents are garbage on loan.
 */
public final class Workspace {
    /** The distinct temporaries one op needs at the same time. */
    public static final int SLOTS = 4;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[SLOTS][0]);

    private Workspace() {
    }

    /**
     * An array of at least {@code size} floats for slot {@code slot}; valid until the same thread
     * asks for that slot again. Callers must not keep it or let it escape.
     */
    public static float[] floats(int slot, int size) {
        float[][] b = BUFFERS.get();
        if (b[slot].length < size) {
            b[slot] = new float[size];
        }
        return b[slot];
    }
}
