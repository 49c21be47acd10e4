package vaelab.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.History;
import vaelab.optim.Adam;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/**
 * What a checkpoint must hold besides the weights for a resumed run to take exactly the steps an
 * unbroken one takes: the epochs done, the optimizer's moments and step count, every random
 * generator's state, and the history. Each trainer names its generators; everything is stored under
 * one prefix (e.g. "prior."), so one file can hold the state of several stages.
 */
public final class RunState {
    private final String prefix;
    private final Adam optimizer;
    private final Map<String, Rng> generators;
    private final History history;
    private int epochsDone;

    public RunState(String prefix, Adam optimizer, Map<String, Rng> generators, History history) {
        this.prefix = prefix;
        this.optimizer = optimizer;
        this.generators = new LinkedHashMap<>(generators);
        this.history = history;
    }

    /** Where this state is kept in a checkpoint, e.g. "train.vae.". */
    public String prefix() {
        return prefix;
    }

    public Adam optimizer() {
        return optimizer;
    }

    public History history() {
        return history;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** A stage that begins after {@code epochs} of the run's epochs (a fine-tune after the first stage) counts on from them. */
    public void startAfter(int epochs) {
        if (epochsDone != 0 || history.size() != 0) {
            throw new IllegalStateException("the stage has already begun");
        }
        epochsDone = epochs;
    }

    /** Records a finished epoch and its row of the history. */
    public void epochDone(int epoch, Map<String, Double> row) {
        history.add(row);
        epochsDone = epoch;
    }

    /** Adds this state's hyperparameters and tensors to a model file's. */
    public void save(Map<String, String> hyper, Map<String, Tensor> tensors) {
        hyper.put(prefix + "epochs_done", "" + epochsDone);
        generators.forEach((name, rng) -> hyper.put(prefix + "rng." + name, Long.toString(rng.state())));
        hyper.put(prefix + "history_columns", String.join(",", history.columns()));
        optimizer.state().forEach((k, v) -> tensors.put(prefix + "optimizer." + k, Tensor.of(v.clone(), v.length)));
        tensors.put(prefix + "history", history.toTensor());
    }

    /** Restores what {@link #save} stored, from a checkpoint; the history rows past the epochs done are dropped. */
    public void restore(Path file, ModelFile m) throws ModelFileException {
        Map<String, float[]> state = new LinkedHashMap<>();
        m.tensors().forEach((k, v) -> {
            if (k.startsWith(prefix + "optimizer.")) {
                state.put(k.substring((prefix + "optimizer.").length()), v.data());
            }
        });
        try {
            epochsDone = Integer.parseInt(m.hyperparameters().get(prefix + "epochs_done"));
            optimizer.loadState(state);
            for (Map.Entry<String, Rng> g : generators.entrySet()) {
                g.getValue().setState(Long.parseLong(m.hyperparameters().get(prefix + "rng." + g.getKey())));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelFileException(file, "is not a training checkpoint of this stage (" + prefix + "…): " + e.getMessage());
        }
        History stored = History.fromTensor(m.tensors().get(prefix + "history"), history.columns());
        for (int i = 0; i < Math.min(stored.size(), epochsDone); i++) {
            history.add(stored.row(i));
        }
    }

    /** Whether a file holds a checkpoint of this stage. */
    public static boolean present(ModelFile m, String prefix) {
        return m.hyperparameters().containsKey(prefix + "epochs_done");
    }

    /** The columns a file stored for a stage's history. */
    public static List<String> columns(ModelFile m, String prefix) {
        String c = m.hyperparameters().get(prefix + "history_columns");
        return c == null || c.isEmpty() ? List.of() : List.of(c.split(","));
    }
}
