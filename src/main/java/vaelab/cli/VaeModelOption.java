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
