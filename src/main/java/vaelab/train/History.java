package vaelab.train;

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
            r[j] = row.get(columns.get(j));
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
