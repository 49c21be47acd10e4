package vaelab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.data.LabeledImages;
import vaelab.eval.VaeEvaluation;
import vaelab.model.VariationalAutoencoder;
import vaelab.report.PrincipalPlane;
import vaelab.tensor.GradMode;
import vaelab.tensor.Tensor;

/**
 * The latent space of an image VAE: a code's picture as sliders move, each dimension's KL, a
 * principal-plane map of test codes that decodes where it is pointed at, interpolation between two
 * test images, and one image's reconstruction with the terms of its ELBO and its IWAE bound.
 */
final class LatentPage {
    /** Test images whose codes make the map and the per-dimension KL. */
    static final int MAP_IMAGES = 2000;
    /** Slider range: the prior N(0, 1) puts all but 6·10⁻⁵ of each dimension inside ±4. */
    static final double RANGE = 4;

    private final VariationalAutoencoder vae;
    private final LabeledImages test;
    private final Map<String, Object> summary;
    private final PrincipalPlane plane;
    private final float[][] means;

    LatentPage(VariationalAutoencoder vae, LabeledImages test) {
        this.vae = vae;
        this.test = test.head(Math.min(MAP_IMAGES, test.count()));
        vae.eval();
        this.means = means(vae, this.test);
        this.plane = PrincipalPlane.of(means);
        VaeEvaluation.Result r = VaeEvaluation.evaluate(vae, this.test, 0, 1);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < means.length; i++) {
            double[] xy = plane.project(means[i]);
            points.add(new double[] {xy[0], xy[1], this.test.labels()[i]});
        }
        boolean[] collapsed = new boolean[vae.latent()];
        for (int j = 0; j < collapsed.length; j++) {
            collapsed[j] = r.collapsed(j);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("latent", vae.latent());
        s.put("shape", vae.imageDims());
        s.put("classes", this.test.classNames());
        s.put("images", this.test.count());
        s.put("range", RANGE);
        s.put("klPerDimension", r.klPerDimension());
        s.put("collapsed", collapsed);
        s.put("collapsedDimensions", r.collapsedDimensions());
        s.put("collapsedBelowNats", VaeEvaluation.COLLAPSED_KL);
        s.put("activeUnits", r.activeUnits());
        s.put("negElbo", r.negElbo());
        s.put("points", points);
        s.put("start", means[0]);
        this.summary = s;
    }

    Object summary(JsonRequest ignored) {
        return summary;
    }

    /** The picture of a code set by the sliders. */
    Object decode(JsonRequest r) {
        return Map.of("png", png(r.reals("z", vae.latent(), -RANGE * 2, RANGE * 2)));
    }

    /** The picture at a spot of the principal-plane map, and the code there. */
    Object mapPoint(JsonRequest r) {
        double limit = 1000;
        float[] z = plane.point(r.real("x", -limit, limit, null), r.real("y", -limit, limit, null));
        return Map.of("png", png(z), "z", z);
    }

    /** Pictures along the straight line between two test images' posterior means. */
    Object interpolate(JsonRequest r) {
        int a = r.integer("from", 0, test.count() - 1, null);
        int b = r.integer("to", 0, test.count() - 1, null);
        int steps = r.integer("steps", 2, 16, 8);
        List<String> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            float t = s / (float) (steps - 1);
            float[] z = new float[vae.latent()];
            for (int j = 0; j < z.length; j++) {
                z[j] = (1 - t) * means[a][j] + t * means[b][j];
            }
            out.add(png(z));
        }
        return Map.of("pngs", out, "from", picture(a), "to", picture(b));
    }

    /** One test image: itself, its reconstruction, and −ELBO = reconstruction + KL beside the IWAE bound. */
    Object image(JsonRequest r) {
        int i = r.integer("index", 0, test.count() - 1, null);
        int samples = r.integer("samples", 1, 1000, 100);
        LabeledImages one = new LabeledImages(java.util.Arrays.copyOfRange(test.pixels(), i * test.imageSize(),
                (i + 1) * test.imageSize()), new int[] {test.labels()[i]}, 1, test.channels(), test.height(), test.width(),
                test.classNames());
        VaeEvaluation.Result e;
        synchronized (vae) {
            e = VaeEvaluation.evaluate(vae, one, samples, 7);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", i);
        out.put("label", test.classNames()[test.labels()[i]]);
        out.put("original", picture(i));
        out.put("reconstruction", png(means[i]));
        out.put("z", means[i]);
        out.put("reconstructionNats", e.reconstruction());
        out.put("klNats", e.kl());
        out.put("negElbo", e.negElbo());
        out.put("iwaeNll", e.iwaeNll());
        out.put("iwaeSamples", samples);
        return out;
    }

    private String picture(int i) {
        return PngData.of(test.pixels(), i * test.imageSize(), test.channels(), test.height(), test.width());
    }

    private String png(float[] z) {
        int[] d = vae.imageDims();
        float[] pixels;
        synchronized (vae) {
            try (GradMode.Scope ignored = GradMode.disable()) {
                pixels = vae.toPixels(vae.decode(Tensor.of(z.clone(), 1, z.length)));
            }
        }
        return PngData.of(pixels, 0, d[0], d[1], d[2]);
    }

    private static float[][] means(VariationalAutoencoder vae, LabeledImages images) {
        float[][] out = new float[images.count()][];
        try (GradMode.Scope ignored = GradMode.disable()) {
            for (int from = 0; from < images.count(); from += 250) {
                int[] idx = java.util.stream.IntStream.range(from, Math.min(images.count(), from + 250)).toArray();
                float[] mu = vae.encode(images.images(idx)).mu().data();
                for (int k = 0; k < idx.length; k++) {
                    out[idx[k]] = java.util.Arrays.copyOfRange(mu, k * vae.latent(), (k + 1) * vae.latent());
                }
            }
        }
        return out;
    }
}
