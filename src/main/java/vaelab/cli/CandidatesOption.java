package vaelab.cli;

import picocli.CommandLine.Option;
import vaelab.api.TextImageModel;

/** --candidates K for the commands that draw pictures from text and caption them: generate, demo and eval. */
final class CandidatesOption {
    @Option(names = "--candidates", paramLabel = "K", defaultValue = "" + TextImageModel.DEFAULT_CANDIDATES,
            description = "Each picture from text is the best of K draws by the model's own score (the Gaussian model reads"
                    + " each picture back and keeps the one closest to the text; the discrete model reads the text back"
                    + " from each drawn grid of codes and keeps the grid that gives it the highest likelihood). The discrete model"
                    + " also writes each caption of a picture K times (the greedy wording and K − 1 drawn) and keeps the one after"
                    + " which its prior finds the picture's codes most likely. 1 keeps the first draw and the greedy caption"
                    + " (default: ${DEFAULT-VALUE}).")
    int candidates;

    /** The number of candidates, checked. */
    int value() {
        if (candidates < 1 || candidates > 64) {
            throw new UserException("--candidates must be between 1 and 64, got " + candidates);
        }
        return candidates;
    }
}
