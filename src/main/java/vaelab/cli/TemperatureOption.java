package vaelab.cli;

import picocli.CommandLine.Option;
import vaelab.api.TextImageModel;

/** --temperature T for the commands that draw codes from text: generate, demo and eval. */
final class TemperatureOption {
    @Option(names = "--temperature", paramLabel = "T", defaultValue = "" + TextImageModel.DEFAULT_TEMPERATURE,
            description = "Sampling temperature in [0, 1] of the codes drawn from text: 1 draws from q(z | text) itself, less"
                    + " keeps to its middle (less variety; with the scene model also fewer of the small things the text"
                    + " names) (default: ${DEFAULT-VALUE}).")
    float temperature;

    /** The temperature, checked. */
    float value() {
        if (!(temperature >= 0 && temperature <= 1)) {
            throw new UserException("--temperature must be in [0, 1], got " + temperature);
        }
        return temperature;
    }
}
