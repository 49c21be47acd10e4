package vaelab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import vaelab.api.TextImageModel;

/** --model FILE for the scene commands; without it, the shipped data/models/scenes.vae. */
final class SceneModelOption {
    static final Path SHIPPED = Path.of("data", "models", "scenes.vae");
    /** What 'vaelab train --model' takes: a kind, which a user may give here by mistake. */
    static final java.util.Set<String> KINDS = java.util.Set.of("classifier", "vae-mlp", "vae-conv", "crossmodal", "discrete", "judge");

    @Option(names = "--model", paramLabel = "FILE",
            description = "A cross-modal scene model (default: the shipped data/models/scenes.vae).")
    Path file;

    /** The file to read: --model, else the shipped model here or beside the launcher that started us. */
    Path resolve() {
        if (file != null) {
            return file;
        }
        if (Files.exists(SHIPPED)) {
            return SHIPPED;
        }
        String home = System.getProperty("vaelab.home");
        return home != null ? Path.of(home).resolve(SHIPPED) : SHIPPED;
    }

    TextImageModel load() {
        Path f = resolve();
        if (!Files.exists(f)) {
            throw new UserException("no model file at " + f + (file != null && KINDS.contains(file.toString())
                    ? "; --model here names a model file, while '" + file + "' is a kind of model for 'vaelab train --model'"
                    : "") + (file == null
                    ? "; the repository ships data/models/scenes.vae (run from its folder, or pass --model FILE), or train one:"
                    + " ./vaelab train --model crossmodal --dataset scenes --out " + SHIPPED
                    : ""));
        }
        return UserException.orUserError(() -> TextImageModel.load(f));
    }
}
