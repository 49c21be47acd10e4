package vaelab.cli;

import picocli.CommandLine.Option;
import vaelab.api.TextImageModel;
import vaelab.model.DiscreteModel;
import vaelab.model.TextImageNetwork;

/** --guidance S for the commands that draw pictures from text with a discrete model: generate, demo and eval. */
final class GuidanceOption {
    @Option(names = "--guidance", paramLabel = "S",
            description = "Discrete model only: the guidance scale of the pictures drawn from text (classifier-free guidance;"
                    + " 1 draws from p(picture | text) itself, more draws more of what the text names at less variety);"
                    + " default " + DiscreteModel.DEFAULT_GUIDANCE + ".")
    Float guidance;

    TextImageModel apply(TextImageModel m) {
        return guidance == null ? m : m.withGuidance(checked(m.kind()));
    }

    TextImageNetwork apply(TextImageNetwork m) {
        return guidance == null ? m : m.withGuidance(checked(m.kind()));
    }

    private float checked(String kind) {
        if (!"discrete".equals(kind)) {
            throw new UserException("--guidance applies to the discrete model only; this is a " + kind + " model, which draws from"
                    + " one distribution given the text (its --temperature says how widely)");
        }
        if (!(guidance >= 0 && guidance <= 100)) {
            throw new UserException("--guidance must be in [0, 100], got " + guidance);
        }
        return guidance;
    }
}
