package vaelab.nn;

import java.util.function.UnaryOperator;
import vaelab.autograd.Activations;
import vaelab.tensor.Tensor;

/** An elementwise function as a layer, for {@link Sequential}s. No parameters. */
public final class Activation extends Layer {
    private final String name;
    private final UnaryOperator<Tensor> function;

    private Activation(String name, UnaryOperator<Tensor> function) {
        this.name = name;
        this.function = function;
    }

    public static Activation relu() {
        return new Activation("ReLU", Activations::relu);
    }

    public static Activation leakyRelu(float slope) {
        return new Activation("LeakyReLU(" + slope + ")", x -> Activations.leakyRelu(x, slope));
    }

    public static Activation sigmoid() {
        return new Activation("Sigmoid", Activations::sigmoid);
    }

    public static Activation tanh() {
        return new Activation("Tanh", Activations::tanh);
    }

    @Override
    public Tensor forward(Tensor x) {
        return function.apply(x);
    }

    @Override
    public String describe() {
        return name;
    }
}
