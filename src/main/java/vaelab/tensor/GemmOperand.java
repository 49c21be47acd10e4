package vaelab.tensor;

/**
 * The B operand of a product that is never stored whole: the kernel asks it for each block it packs.
 * A convolution's patches ({@link Patches}) are the reason: unfolded they are c·kh·kw times
 * the output (16 MB for a conv VAE layer at batch 128), written once and read back once per product,
 * while the image they come from is a sixteenth of that and stays in cache.
 */
public interface GemmOperand {
    /** Writes B[p0 + p][j0 + j], for p &lt; rows and j &lt; cols, into {@code dst[off + p·ld + j]}. */
    void block(int p0, int rows, int j0, int cols, float[] dst, int off, int ld);
}
