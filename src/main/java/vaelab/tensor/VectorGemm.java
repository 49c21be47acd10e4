package vaelab.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM on the Vector API (jdk.incubator.vector), GotoBLAS style: B is packed into panels of
 * NR = 2 vectors of columns, A into panels of {@code mr} rows, and a register tile of mr × NR
 * accumulators (two vectors per row) is updated with one FMA per lane per step of p. The vectors are
 * the machine's preferred width: 8 floats with AVX2, 16 with AVX-512.
 *
 * <p>The tile is 6 rows (12 accumulators, within AVX2's 16 registers) on every JDK. Java 21+ once got
 * 4 rows, because it was said to spill one accumulator of the 6-row tile; on Java 25 the 6-row tile
 * ran −2% to +7% against it at 512 bits and +3% to +14% at 256 (benchmarks/README.md, 2026-12-03
 * later), so the 4-row tile is kept only as a second shape the tests hold to the same bits. Each C
 * element is the same chain of FMAs over p in increasing order within blocks of {@value #KC}, the
 * blocks added in order, whatever the vector width, so the result has the same bits on AVX2 and AVX-512.
 *
 * <p>Load this class only when the module is present: see {@link Gemm}.
 */
final class VectorGemm implements GemmKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = S.length();
    /** Columns of a tile: two vectors. */
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int NC = 1024;

    private final int mr;
    private final int mc;
    private final ThreadLocal<float[]> aPack;
    private final ThreadLocal<float[]> bPack;
    private static final ThreadLocal<float[]> ACC = ThreadLocal.withInitial(() -> new float[6 * 2 * 16]);

    VectorGemm() {
        this(6);
    }

    VectorGemm(int mr) {
        if (mr != 4 && mr != 6) {
            throw new IllegalArgumentException("tile rows must be 4 or 6, not " + mr);
        }
        this.mr = mr;
        this.mc = mr * 24;
        this.aPack = ThreadLocal.withInitial(() -> new float[mc * KC]);
        this.bPack = ThreadLocal.withInitial(() -> new float[KC * NC]);
    }

    @Override
    public int tileRows() {
        return mr;
    }

    @Override
    public int tileColumns() {
        return NR;
    }

    /** Whether this machine runs 8- or 16-lane float vectors natively; otherwise the scalar kernel is faster. */
    static boolean supported() {
        return L == 8 || L == 16;
    }

    @Override
    public String name() {
        return "vector " + mr + "x" + NR + " (" + S.vectorBitSize() + "-bit)";
    }

    @Override
    public void multiply(int m, int n, int k,
                         float[] a, int aOff, int aRs, int aCs,
                         float[] b, int bOff, int bRs, int bCs,
                         float[] c, int cOff, int ldc, boolean accumulate) {
        multiply(m, n, k, a, aOff, aRs, aCs, new Strided(b, bOff, bRs, bCs), c, cOff, ldc, accumulate);
    }

    @Override
    public void multiply(int m, int n, int k,
                         float[] a, int aOff, int aRs, int aCs,
                         GemmOperand b, int j0,
                         float[] c, int cOff, int ldc, boolean accumulate) {
        multiply(m, n, k, a, aOff, aRs, aCs, new Unstored(b, j0), c, cOff, ldc, accumulate);
    }

    private void multiply(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, Panels b,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        if (k == 0) {
            ScalarGemm.clearIfOverwriting(m, n, c, cOff, ldc, accumulate);
            return;
        }
        if (m <= UNPACKED_ROWS && n >= UNPACKED_COLUMNS && b instanceof Strided s && s.cs() == 1 && s.rs() > 0) {
            multiplyUnpacked(m, n, k, a, aOff, aRs, aCs, s.b(), s.off(), s.rs(), c, cOff, ldc, accumulate);
            return;
        }
        float[] ap = aPack.get();
        float[] acc = ACC.get();
        float[] bp = bPack.get();
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                b.pack(pc, kc, jc, nc, bp, 0, (nc + NR - 1) / NR);
                boolean add = accumulate || pc > 0;
                for (int ic = 0; ic < m; ic += mc) {
                    int mcb = Math.min(mc, m - ic);
                    packA(a, aOff + ic * aRs + pc * aCs, aRs, aCs, mcb, kc, ap);
                    tiles(ap, bp, kc, mcb, nc, acc, c, cOff + ic * ldc + jc, ldc, add);
                }
            }
        }
    }

    /** Up to this many rows of C, a row-major B is read where it lies instead of packed. */
    static final int UNPACKED_ROWS = 2;
    /** The columns {@link TwoRowKernel} takes at a time: four vectors. */
    static final int UNPACKED_COLUMNS = 4 * L;

    /**
     * C (+)= A·B for one or two rows of C (drawing a picture: one step of the prior for the caption's
     * stream and the guidance stream), B row-major. Packing B there cost more than the product: each
     * value of B is used once or twice, and packing reads and writes it first (27% of a guided
     * drawing's samples against 11% in the kernel; JMH's stack profiler, Zen 3). Each C element is the
     * same chain of FMAs in the same blocks of KC as in the packed path, so the bits are the same.
     */
    private void multiplyUnpacked(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                                  float[] b, int bOff, int bRs, float[] c, int cOff, int ldc, boolean accumulate) {
        float[] ap = aPack.get();
        int full = n / UNPACKED_COLUMNS * UNPACKED_COLUMNS;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean add = accumulate || pc > 0;
            packA(a, aOff + pc * aCs, aRs, aCs, m, kc, ap);
            for (int jr = 0; jr < full; jr += UNPACKED_COLUMNS) {
                TwoRowKernel.multiply(m, kc, ap, mr, b, bOff + pc * bRs + jr, bRs, c, cOff + jr, ldc, add);
            }
        }
        if (full < n) {
            multiply(m, n - full, k, a, aOff, aRs, aCs, new Strided(b, bOff + full, bRs, 1), c, cOff + full, ldc, accumulate);
        }
    }

    /**
     * The same product on {@code tasks} threads, sharing the work that a split into independent
     * calls would repeat: each block of B is packed once (its panels divided among the threads) and
     * then read by all of them, while the rows of C are divided in blocks of whole tiles. Every C
     * element is computed exactly as in {@link #multiply}, so the result has the same bits.
     */
    void multiplyParallel(int tasks, int m, int n, int k,
                          float[] a, int aOff, int aRs, int aCs,
                          float[] b, int bOff, int bRs, int bCs,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        multiplyParallel(tasks, m, n, k, a, aOff, aRs, aCs, new Strided(b, bOff, bRs, bCs), c, cOff, ldc, accumulate);
    }

    /** {@link #multiplyParallel} with an operand that is not stored. */
    void multiplyParallel(int tasks, int m, int n, int k,
                          float[] a, int aOff, int aRs, int aCs,
                          GemmOperand b,
                          float[] c, int cOff, int ldc, boolean accumulate) {
        multiplyParallel(tasks, m, n, k, a, aOff, aRs, aCs, new Unstored(b, 0), c, cOff, ldc, accumulate);
    }

    private void multiplyParallel(int tasks, int m, int n, int k, float[] a, int aOff, int aRs, int aCs, Panels b,
                                  float[] c, int cOff, int ldc, boolean accumulate) {
        if (k == 0) {
            ScalarGemm.clearIfOverwriting(m, n, c, cOff, ldc, accumulate);
            return;
        }
        float[] bp = bPack.get(); // the calling thread's, read by all while it waits
        // As many blocks of rows as keep each within mc, rounded up to a multiple of the threads so
        // that they are dealt out evenly: 1024 rows in blocks of mc = 144 gave one thread 576 of them.
        int evenBlocks = Gemm.ceilDiv(Gemm.ceilDiv(m, mc), tasks) * tasks;
        int rowsPerBlock = Gemm.ceilDiv(Gemm.ceilDiv(m, evenBlocks), mr) * mr;
        int blocks = Gemm.ceilDiv(m, rowsPerBlock);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                int packTasks = Math.min(tasks, panels);
                int pcFinal = pc;
                int jcFinal = jc;
                Parallel.forEach(packTasks, t -> {
                    int from = panels * t / packTasks;
                    int to = panels * (t + 1) / packTasks;
                    b.pack(pcFinal, kc, jcFinal, nc, bp, from, to);
                });
                boolean add = accumulate || pc > 0;
                // One share a block, claimed by whichever thread is free: on a VM whose cores are now
                // and then taken by the host, a fixed deal waited for the slower one.
                Parallel.forEach(blocks, blk -> {
                    int ic = blk * rowsPerBlock;
                    int mcb = Math.min(rowsPerBlock, m - ic);
                    float[] ap = aPack.get();
                    packA(a, aOff + ic * aRs + pcFinal * aCs, aRs, aCs, mcb, kc, ap);
                    tiles(ap, bp, kc, mcb, nc, ACC.get(), c, cOff + ic * ldc + jcFinal, ldc, add);
                });
            }
        }
    }

    /**
     * Where the panels of B come from. Either way each panel holds, for each p, NR values (zeros past
     * the edge), so the kernel and the bits do not depend on it.
     */
    private interface Panels {
        /** Panels {@code from} (inclusive) to {@code to} of rows pc..pc+kc, columns jc..jc+nc, at their places in dst. */
        void pack(int pc, int kc, int jc, int nc, float[] dst, int from, int to);
    }

    /** B stored: element (p, j) at b[off + p·rs + j·cs]. */
    private record Strided(float[] b, int off, int rs, int cs) implements Panels {
        @Override
        public void pack(int pc, int kc, int jc, int nc, float[] dst, int from, int to) {
            packBPanels(b, off + pc * rs + jc * cs, rs, cs, kc, nc, dst, from, to);
        }
    }

    /** B never stored: each panel asked of the operand, its columns counted from {@code j0}. */
    private record Unstored(GemmOperand b, int j0) implements Panels {
        @Override
        public void pack(int pc, int kc, int jc, int nc, float[] dst, int from, int to) {
            for (int panel = from; panel < to; panel++) {
                int jr = panel * NR;
                int nr = Math.min(NR, nc - jr);
                int idx = panel * kc * NR;
                if (nr < NR) {
                    java.util.Arrays.fill(dst, idx, idx + kc * NR, 0f);
                }
                b.block(pc, kc, j0 + jc + jr, nr, dst, idx, NR);
            }
        }
    }

    /**
     * Every tile of one packed A block against one packed B block. The A panel (kc × mr floats, 6 KB)
     * stays in L1 while the B panels stream past it from L2: a B panel of kc × NR floats is 32 KB with
     * AVX-512, all of a Zen 4 core's L1D, so kept the other way round it was evicted by the A panels
     * streaming through. Measured on Zen 4 (benchmarks/README.md, 2026-12-03 later): 1024³ 5–17%
     * faster on one thread at either vector width, the other shapes −2% to +6%.
     */
    private void tiles(float[] ap, float[] bp, int kc, int mcb, int nc, float[] acc, float[] c, int cAt0, int ldc,
                       boolean add) {
        for (int ir = 0; ir < mcb; ir += mr) {
            int rows = Math.min(mr, mcb - ir);
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                if (mr == 6) {
                    kernel6(kc, ap, ir * kc, bp, jr * kc, acc);
                } else {
                    kernel4(kc, ap, ir * kc, bp, jr * kc, acc);
                }
                writeTile(acc, rows, nr, c, cAt0 + ir * ldc + jr, ldc, add);
            }
        }
    }

    /** Panels {@code from} (inclusive) to {@code to} of a stored B: for each panel, for each p, NR values (zeros past the edge). */
    private static void packBPanels(float[] b, int off, int rs, int cs, int kc, int nc, float[] dst, int from, int to) {
        for (int panel = from; panel < to; panel++) {
            int jr = panel * NR;
            int nr = Math.min(NR, nc - jr);
            int idx = panel * kc * NR;
            if (rs == 1 && cs != 1) {
                // Transposed B (a weight gradient's patches): read each column's run of p contiguously
                // and scatter it with stride NR inside the panel, instead of gathering NR far-apart rows.
                if (nr < NR) {
                    java.util.Arrays.fill(dst, idx, idx + kc * NR, 0f);
                }
                for (int j = 0; j < nr; j++) {
                    int src = off + (jr + j) * cs;
                    for (int p = 0; p < kc; p++) {
                        dst[idx + p * NR + j] = b[src + p];
                    }
                }
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int src = off + p * rs + jr * cs;
                int j = 0;
                if (cs == 1) {
                    System.arraycopy(b, src, dst, idx, nr);
                    j = nr;
                } else {
                    for (; j < nr; j++) {
                        dst[idx + j] = b[src + j * cs];
                    }
                }
                for (; j < NR; j++) {
                    dst[idx + j] = 0f;
                }
                idx += NR;
            }
        }
    }

    /** Panels of mr rows: for each panel, for each p, mr values (zeros past the edge). */
    private void packA(float[] a, int off, int rs, int cs, int mcb, int kc, float[] dst) {
        int idx = 0;
        for (int ir = 0; ir < mcb; ir += mr) {
            int rows = Math.min(mr, mcb - ir);
            int base = off + ir * rs;
            if (rows < mr) {
                java.util.Arrays.fill(dst, idx, idx + kc * mr, 0f);
            }
            if (cs == 1) {
                // Row-major A: read each row contiguously and scatter it with stride mr.
                for (int r = 0; r < rows; r++) {
                    int src = base + r * rs;
                    int d = idx + r;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * mr] = a[src + p];
                    }
                }
            } else if (rs == 1 && rows == mr) {
                // Transposed A: the mr values of one p are adjacent in memory.
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, base + p * cs, dst, idx + p * mr, mr);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = base + p * cs;
                    for (int r = 0; r < rows; r++) {
                        dst[idx + p * mr + r] = a[src + r * rs];
                    }
                }
            }
            idx += kc * mr;
        }
    }

    /**
     * The hot loop: mr × NR accumulators over kc steps, written to {@code acc}. It has no branches
     * besides the loop, so C2 compiles it the same way whatever the edges of C look like.
     */
    private static void kernel6(int kc, float[] ap, int ai, float[] bp, int bi, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int a0 = ai;
        int bEnd = bi + kc * NR;
        // The loop counts b0, the index its loads use, not p: counting p, this kernel ran at 52 GFLOP/s
        // on one Zen 3 core (AVX2) against 70 (measured side by side in one JVM; the check below alone
        // changed nothing). Presumably C2 then keeps range checks inside the loop; that machine had no
        // performance counters to confirm it.
        if (ai < 0 || ai + kc * 6 > ap.length || bi < 0 || bEnd > bp.length) {
            throw new IndexOutOfBoundsException("kernel panels out of range");
        }
        for (int b0 = bi; b0 < bEnd; b0 += NR, a0 += 6) {
            FloatVector x0 = FloatVector.fromArray(S, bp, b0);
            FloatVector x1 = FloatVector.fromArray(S, bp, b0 + L);
            FloatVector w;
            w = FloatVector.broadcast(S, ap[a0]);
            c00 = w.fma(x0, c00);
            c01 = w.fma(x1, c01);
            w = FloatVector.broadcast(S, ap[a0 + 1]);
            c10 = w.fma(x0, c10);
            c11 = w.fma(x1, c11);
            w = FloatVector.broadcast(S, ap[a0 + 2]);
            c20 = w.fma(x0, c20);
            c21 = w.fma(x1, c21);
            w = FloatVector.broadcast(S, ap[a0 + 3]);
            c30 = w.fma(x0, c30);
            c31 = w.fma(x1, c31);
            w = FloatVector.broadcast(S, ap[a0 + 4]);
            c40 = w.fma(x0, c40);
            c41 = w.fma(x1, c41);
            w = FloatVector.broadcast(S, ap[a0 + 5]);
            c50 = w.fma(x0, c50);
            c51 = w.fma(x1, c51);
        }
        c00.intoArray(acc, 0 * NR + 0 * L);
        c01.intoArray(acc, 0 * NR + 1 * L);
        c10.intoArray(acc, 1 * NR + 0 * L);
        c11.intoArray(acc, 1 * NR + 1 * L);
        c20.intoArray(acc, 2 * NR + 0 * L);
        c21.intoArray(acc, 2 * NR + 1 * L);
        c30.intoArray(acc, 3 * NR + 0 * L);
        c31.intoArray(acc, 3 * NR + 1 * L);
        c40.intoArray(acc, 4 * NR + 0 * L);
        c41.intoArray(acc, 4 * NR + 1 * L);
        c50.intoArray(acc, 5 * NR + 0 * L);
        c51.intoArray(acc, 5 * NR + 1 * L);
    }

    private static void kernel4(int kc, float[] ap, int ai, float[] bp, int bi, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int a0 = ai;
        int bEnd = bi + kc * NR;
        // The loop counts b0 rather than p, as in kernel6 (see there).
        if (ai < 0 || ai + kc * 4 > ap.length || bi < 0 || bEnd > bp.length) {
            throw new IndexOutOfBoundsException("kernel panels out of range");
        }
        for (int b0 = bi; b0 < bEnd; b0 += NR, a0 += 4) {
            FloatVector x0 = FloatVector.fromArray(S, bp, b0);
            FloatVector x1 = FloatVector.fromArray(S, bp, b0 + L);
            FloatVector w;
            w = FloatVector.broadcast(S, ap[a0]);
            c00 = w.fma(x0, c00);
            c01 = w.fma(x1, c01);
            w = FloatVector.broadcast(S, ap[a0 + 1]);
            c10 = w.fma(x0, c10);
            c11 = w.fma(x1, c11);
            w = FloatVector.broadcast(S, ap[a0 + 2]);
            c20 = w.fma(x0, c20);
            c21 = w.fma(x1, c21);
            w = FloatVector.broadcast(S, ap[a0 + 3]);
            c30 = w.fma(x0, c30);
            c31 = w.fma(x1, c31);
        }
        c00.intoArray(acc, 0 * NR + 0 * L);
        c01.intoArray(acc, 0 * NR + 1 * L);
        c10.intoArray(acc, 1 * NR + 0 * L);
        c11.intoArray(acc, 1 * NR + 1 * L);
        c20.intoArray(acc, 2 * NR + 0 * L);
        c21.intoArray(acc, 2 * NR + 1 * L);
        c30.intoArray(acc, 3 * NR + 0 * L);
        c31.intoArray(acc, 3 * NR + 1 * L);
    }

    /** Adds or writes the valid rows × cols of a tile's accumulators into C. */
    private static void writeTile(float[] acc, int rows, int cols, float[] c, int cAt, int ldc, boolean add) {
        if (cols == NR) {
            for (int r = 0; r < rows; r++) {
                FloatVector lo = FloatVector.fromArray(S, acc, r * NR);
                FloatVector hi = FloatVector.fromArray(S, acc, r * NR + L);
                int at = cAt + r * ldc;
                if (add) {
                    lo = lo.add(FloatVector.fromArray(S, c, at));
                    hi = hi.add(FloatVector.fromArray(S, c, at + L));
                }
                lo.intoArray(c, at);
                hi.intoArray(c, at + L);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float v = acc[r * NR + j];
                c[cAt + r * ldc + j] = add ? c[cAt + r * ldc + j] + v : v;
            }
        }
    }
}
