package vaelab.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.tensor.Tensor;

/**
 * One row per epoch under named columns, so that a report reads {@code row.get("test_loss")} instead
 * of a position. Stored in a model file as a (rows, columns) tensor with the column names beside it.
 */
public final class History {
    private final List<String> columns;
    private final List<double[]> rows = new ArrayList<>();

    public History(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    public List<String> columns() {
        return columns;
    }

    /** Adds a row; every column must be given, and nothing else. */
    public void add(Map<String, Double> row) {
        if (!row.keySet().equals(new java.util.HashSet<>(columns))) {
            throw new IllegalArgumentException("a history row needs exactly the columns " + columns + ", got " + row.keySet());
        }
        double[] r = new double[columns.size()];
        for (int j = 0; j < r.length; j++) {
            r[j] = (float) (double) row.get(columns.get(j)); // as a model file keeps it, so a history reads back equal
        }
        rows.add(r);
    }

    public int size() {
        return rows.size();
    }

    /** Row i by column name, in column order. */
    public Map<String, Double> row(int i) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < columns.size(); j++) {
            out.put(columns.get(j), rows.get(i)[j]);
        }
        return out;
    }

    /** One column over all rows. */
    public double[] column(String name) {
        int j = columns.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no history column '" + name + "' among " + columns);
        }
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[j];
        }
        return out;
    }

    /** Keeps the first n rows: a run resumed from epoch n forgets what a later, abandoned run recorded. */
    public void truncate(int n) {
        while (rows.size() > n) {
            rows.remove(rows.size() - 1);
        }
    }

    /** A copy that later changes to either do not reach. */
    public History copy() {
        History h = new History(columns);
        rows.forEach(r -> h.rows.add(r.clone()));
        return h;
    }

    /** The last row's "epoch", or 0 for an empty history. */
    public int lastEpoch() {
        return rows.isEmpty() ? 0 : (int) rows.get(rows.size() - 1)[columns.indexOf("epoch")];
    }

    /**
     * A run that continues from a trained model: the earlier run's rows (a column it did not record
     * is NaN), then this run's with their epochs counted on from the earlier last one.
     */
    public static History continued(History earlier, History run) {
        History h = new History(run.columns);
        int epoch = run.columns.indexOf("epoch");
        for (int i = 0; i < earlier.size(); i++) {
            double[] r = new double[run.columns.size()];
            for (int j = 0; j < r.length; j++) {
                int k = earlier.columns.indexOf(run.columns.get(j));
                r[j] = k < 0 ? Double.NaN : earlier.rows.get(i)[k];
            }
            h.rows.add(r);
        }
        int offset = earlier.lastEpoch();
        for (double[] row : run.rows) {
            double[] r = row.clone();
            r[epoch] += offset;
            h.rows.add(r);
        }
        return h;
    }

    /**
     * The history a model file holds as tensor {@code name} with its columns in the hyperparameter
     * {@code name + ".columns"}; a file from before the columns were named is read by position under
     * {@code legacy} (the first as many as the tensor is wide). Empty when there is none.
     */
    public static History read(vaelab.io.ModelFile m, String name, List<String> legacy) {
        Tensor t = m.tensors().get(name);
        String names = m.hyperparameters().get(name + ".columns");
        if (names != null) {
            return fromTensor(t, names.isEmpty() ? List.of() : List.of(names.split(",")));
        }
        int width = t != null && t.rank() == 2 ? t.dim(1) : 0;
        return fromTensor(t, legacy.subList(0, Math.min(width, legacy.size())));
    }

    /** Adds this history to a model file's tensors and hyperparameters, as {@link #read} reads it. */
    public void write(String name, Map<String, String> hyper, Map<String, Tensor> tensors) {
        tensors.put(name, toTensor());
        hyper.put(name + ".columns", String.join(",", columns));
    }

    public Tensor toTensor() {
        float[] flat = new float[rows.size() * columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                flat[i * columns.size() + j] = (float) rows.get(i)[j];
            }
        }
        return Tensor.of(flat, rows.size(), columns.size());
    }

    /** The history in {@code t} under {@code columns}, or an empty one when t is missing or of another width. */
    public static History fromTensor(Tensor t, List<String> columns) {
        History h = new History(columns);
        if (t != null && t.rank() == 2 && t.dim(1) == columns.size()) {
            for (int i = 0; i < t.dim(0); i++) {
                double[] r = new double[columns.size()];
                for (int j = 0; j < r.length; j++) {
                    r[j] = t.data()[i * columns.size() + j];
                }
                h.rows.add(r);
            }
        }
        return h;
    }
}
