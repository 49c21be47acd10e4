package vaelab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vaelab.io.ModelFile;
import vaelab.model.VaeFiles;
import vaelab.model.VariationalAutoencoder;

/** --model FILE for the commands that look inside a trained VAE. */
final class VaeModelOption {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A VAE saved by 'vaelab train --model vae-…'.")
    Path file;

    ModelFile read() {
        if (SceneModelOption.KINDS.contains(file.toString()) && !java.nio.file.Files.exists(file)) {
            throw new UserException("no model file at " + file + "; --model here names a model file, while '" + file
                    + "' is a kind of model for 'vaelab train --model'");
        }
        return UserException.orUserError(() -> ModelFile.read(file));
    }

    VariationalAutoencoder load() {
        ModelFile m = read();
        if (!VaeFiles.isVae(m)) {
            throw new UserException("model file " + file + " holds a '" + m.architecture() + "' model, not a VAE");
        }
        VariationalAutoencoder vae = UserException.orUserError(() -> VaeFiles.fromModelFile(file, m));
        vae.eval();
        return vae;
    }
}
