package vaelab.cli;

import picocli.CommandLine.Option;

/** --temperature T for the commands that draw pictures from text: generate, demo and eval. */
final class TemperatureOption {
    @Option(names = "--temperature", paramLabel = "T",
            description = "Sampling temperature in [0, 1] of the pictures drawn from text. Gaussian model: 1 draws from"
                    + " q(z | text) itself, less keeps to its middle (less variety, and fewer of the small things the text"
                    + " names); default 0.7. Discrete model: the prior's logits are divided by T, 0 takes the most likely code"
                    + " each time; default 1.")
    Float temperature;

    /** The temperature given, checked, else the model's own default. */
    float value(float modelDefault) {
        if (temperature == null) {
            return modelDefault;
        }
        if (!(temperature >= 0 && temperature <= 1)) {
            throw new UserException("--temperature must be in [0, 1], got " + temperature);
        }
        return temperature;
    }
}
