package vaelab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import vaelab.tensor.Tensor;

/** Layers applied one after another. Children are named "0", "1", … as in PyTorch. */
public final class Sequential extends Layer {
    private final List<Layer> layers = new ArrayList<>();

    public Sequential(Layer... layers) {
        for (Layer l : layers) {
            add(l);
        }
    }

    public Sequential add(Layer layer) {
        child(Integer.toString(layers.size()), layer);
        layers.add(layer);
        return this;
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h);
            Summary.record(l, h);
        }
        return h;
    }
}
