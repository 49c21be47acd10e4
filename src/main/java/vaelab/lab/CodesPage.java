package vaelab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.data.scenes.ScenesDataset;
import vaelab.model.CodePrior;
import vaelab.model.DiscreteModel;
import vaelab.model.DiscreteVae;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * Codes: a test scene, its 8×8 grid of codes and the picture decoded from them; any cell can take
 * another code, offered as the codebook entries nearest to the cell's, each shown in place. With L
 * codes per cell (residual codes), a cell shows and changes its first, coarsest code; the finer ones
 * travel with the grid unchanged ("codes" holds a cell's L codes together).
 */
final class CodesPage {
    /** The test split's scenes, as eval measures them. */
    static final int SCENES = 2000;
    static final int CELLS = DiscreteVae.GRID * DiscreteVae.GRID;

    private final DiscreteModel model;
    private final int codes; // K, per level
    private final int levels; // L
    private final float[] codebook; // (K, D): the first level's
    private final int dim;

    CodesPage(DiscreteModel model) {
        this.model = model;
        this.codes = model.vae().config().codes();
        this.levels = model.vae().config().depth();
        int[] all = java.util.stream.IntStream.range(0, codes).toArray();
        this.codebook = model.vae().quantizer().level(0).lookup(all);
        this.dim = model.vae().quantizer().dim();
    }

    /** Test scene {@code index}: the picture, its codes, the picture of the codes and the caption the model writes. */
    Object scene(JsonRequest r) {
        int index = r.integer("index", 0, SCENES - 1, 0);
        ScenesDataset one = ScenesDataset.generate(ScenesDataset.Split.TEST, index, 1);
        float[] pixels = one.image(0);
        int[] grid = model.vae().encode(Tensor.of(pixels, 1, 3, DiscreteVae.SIDE, DiscreteVae.SIDE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index);
        out.put("caption", one.caption(0));
        out.put("original", PngData.of(pixels, 0, 3, DiscreteVae.SIDE, DiscreteVae.SIDE));
        out.put("codes", grid);
        out.put("codebook", codes);
        out.put("grid", DiscreteVae.GRID);
        out.put("levels", levels);
        out.put("png", picture(grid));
        out.put("written", written(grid));
        return out;
    }

    /** The picture of a grid of codes. */
    Object decode(JsonRequest r) {
        int[] grid = r.integers("codes", CELLS * levels, 0, codes - 1);
        return Map.of("png", picture(grid), "written", written(grid));
    }

    /** The picture with cell {@code cell} set to each of the {@code count} codebook entries nearest to its code. */
    Object alternatives(JsonRequest r) {
        int[] grid = r.integers("codes", CELLS * levels, 0, codes - 1);
        int cell = r.integer("cell", 0, CELLS - 1, null);
        int count = r.integer("count", 1, 32, 12);
        int[] nearest = nearest(grid[cell * levels], count);
        int perGrid = grid.length;
        int[] grids = new int[nearest.length * perGrid];
        for (int i = 0; i < nearest.length; i++) {
            System.arraycopy(grid, 0, grids, i * perGrid, perGrid);
            grids[i * perGrid + cell * levels] = nearest[i];
        }
        float[] pixels = model.vae().decode(grids, nearest.length);
        int size = 3 * DiscreteVae.SIDE * DiscreteVae.SIDE;
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < nearest.length; i++) {
            out.add(Map.of("code", nearest[i], "png", PngData.of(pixels, i * size, 3, DiscreteVae.SIDE, DiscreteVae.SIDE)));
        }
        return Map.of("cell", cell, "alternatives", out);
    }

    /** The {@code count} entries nearest to {@code code} in the first level's codebook, itself excluded, nearest first. */
    int[] nearest(int code, int count) {
        double[] d = new double[codes];
        for (int k = 0; k < codes; k++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                double diff = codebook[k * dim + j] - codebook[code * dim + j];
                s += diff * diff;
            }
            d[k] = k == code ? Double.POSITIVE_INFINITY : s;
        }
        return java.util.stream.IntStream.range(0, codes).boxed().sorted((a, b) -> Double.compare(d[a], d[b]))
                .limit(Math.min(count, codes - 1)).mapToInt(Integer::intValue).toArray();
    }

    /** The caption the model writes of a grid, greedily: the same grid always reads the same. */
    private String written(int[] grid) {
        return model.captionsOfCodes(grid, 1, new CodePrior.Sampling(0f, 0), new Rng(1)).get(0);
    }

    private String picture(int[] grid) {
        return PngData.of(model.vae().decode(grid, 1), 0, 3, DiscreteVae.SIDE, DiscreteVae.SIDE);
    }
}
