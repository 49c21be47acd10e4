package vaelab.report;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_FDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F32;

/**
 * The plane through the mean of some points (n, d) spanned by their first two principal axes:
 * points project onto it, and a spot on it maps back to a point of the full space, which is how a
 * 2-D map of latent codes can be pointed at and decoded.
 *
 * @param mean  (d) the points' mean
 * @param first (d) the unit axis of largest variance
 * @param second (d) the unit axis of the next largest, orthogonal to {@code first}
 */
public record PrincipalPlane(float[] mean, float[] first, float[] second) {
    /** The plane of {@code points}, by the SVD of the centred points. */
    public static PrincipalPlane of(float[][] points) {
        int n = points.length;
        int d = points[0].length;
        float[] mean = new float[d];
        for (float[] p : points) {
            for (int j = 0; j < d; j++) {
                mean[j] += p[j] / n;
            }
        }
        FMatrixRMaj m = new FMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m.set(i, j, points[i][j] - mean[j]);
            }
        }
        SingularValueDecomposition_F32<FMatrixRMaj> svd = DecompositionFactory_FDRM.svd(n, d, false, true, true);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("the SVD for the principal plane did not converge");
        }
        FMatrixRMaj v = svd.getV(null, false); // (d, d), columns are the principal axes
        float[] s = svd.getSingularValues();
        int[] order = java.util.stream.IntStream.range(0, s.length).boxed()
                .sorted((a, b) -> Float.compare(s[b], s[a])).mapToInt(Integer::intValue).toArray();
        float[] first = new float[d];
        float[] second = new float[d];
        for (int j = 0; j < d; j++) {
            first[j] = v.get(j, order[0]);
            second[j] = order.length > 1 ? v.get(j, order[1]) : 0f;
        }
        return new PrincipalPlane(mean, first, second);
    }

    /** The coordinates of a point on the plane's two axes. */
    public double[] project(float[] point) {
        double x = 0;
        double y = 0;
        for (int j = 0; j < mean.length; j++) {
            x += (point[j] - mean[j]) * (double) first[j];
            y += (point[j] - mean[j]) * (double) second[j];
        }
        return new double[] {x, y};
    }

    /** The point of the full space at (x, y) on the plane. */
    public float[] point(double x, double y) {
        float[] out = new float[mean.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) (mean[j] + x * first[j] + y * second[j]);
        }
        return out;
    }
}
