package vaelab.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two sets of feature vectors, each taken as a Gaussian (as FID does
 * with Inception features): d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁^½ Σ₂ Σ₁^½)^½). 0 for equal
 * distributions; it grows with any difference in where the features lie or how they spread.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** a: (n, d) and b: (m, d), row-major, n and m at least 2. */
    public static double between(float[] a, int n, float[] b, int m, int d) {
        if (n < 2 || m < 2 || a.length != n * d || b.length != m * d) {
            throw new IllegalArgumentException("need two sets of at least 2 vectors of " + d + " values, got " + n + " and " + m);
        }
        double[] muA = mean(a, n, d);
        double[] muB = mean(b, m, d);
        DMatrixRMaj covA = covariance(a, n, d, muA);
        DMatrixRMaj covB = covariance(b, m, d, muB);
        double dist = 0;
        for (int j = 0; j < d; j++) {
            dist += (muA[j] - muB[j]) * (muA[j] - muB[j]);
        }
        DMatrixRMaj rootA = symmetricRoot(covA);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj middle = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(rootA, covB, tmp);
        CommonOps_DDRM.mult(tmp, rootA, middle);
        symmetrise(middle);
        double traceRoot = 0;
        for (double lambda : eigenvalues(middle)) {
            traceRoot += Math.sqrt(Math.max(0, lambda));
        }
        return dist + CommonOps_DDRM.trace(covA) + CommonOps_DDRM.trace(covB) - 2 * traceRoot;
    }

    private static double[] mean(float[] x, int n, int d) {
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mu[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        return mu;
    }

    /** The unbiased covariance (divided by n − 1). */
    private static DMatrixRMaj covariance(float[] x, int n, int d, double[] mu) {
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred.set(i, j, x[i * d + j] - mu[j]);
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(centred, centred, cov);
        CommonOps_DDRM.scale(1.0 / (n - 1), cov);
        return cov;
    }

    /** V·diag(√max(λ, 0))·Vᵀ of a symmetric matrix. */
    private static DMatrixRMaj symmetricRoot(DMatrixRMaj s) {
        int d = s.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(s.copy())) {
            throw new IllegalStateException("the eigendecomposition of a covariance did not converge");
        }
        DMatrixRMaj root = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double r = Math.sqrt(Math.max(0, eig.getEigenvalue(k).getReal()));
            DMatrixRMaj v = eig.getEigenVector(k);
            double norm = Math.sqrt(CommonOps_DDRM.dot(v, v));
            CommonOps_DDRM.divide(v, norm);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    root.add(i, j, r * v.get(i) * v.get(j));
                }
            }
        }
        return root;
    }

    private static double[] eigenvalues(DMatrixRMaj s) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s.numRows, false, true);
        if (!eig.decompose(s.copy())) {
            throw new IllegalStateException("the eigendecomposition of a covariance did not converge");
        }
        double[] out = new double[s.numRows];
        for (int k = 0; k < out.length; k++) {
            out[k] = eig.getEigenvalue(k).getReal();
        }
        return out;
    }

    private static void symmetrise(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = i + 1; j < m.numCols; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }
}
