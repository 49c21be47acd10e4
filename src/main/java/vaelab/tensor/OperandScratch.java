package vaelab.tensor;

/**
 * Where a kernel that cannot pack from a {@link GemmOperand} writes the operand out, one array per
 * thread. Not {@link Workspace}: the caller of the product may hold any of its slots as the A operand.
 */
final class OperandScratch {
    private static final ThreadLocal<float[]> BLOCK = ThreadLocal.withInitial(() -> new float[0]);

    private OperandScratch() {
    }

    static float[] floats(long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("an operand block of " + size + " floats does not fit one array");
        }
        float[] b = BLOCK.get();
        if (b.length < size) {
            b = new float[(int) size];
            BLOCK.set(b);
        }
        return b;
    }
}
