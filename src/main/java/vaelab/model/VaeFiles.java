package vaelab.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** Builds VAEs from their names and hyperparameters, and saves and restores them in model files. */
public final class VaeFiles {
    private VaeFiles() {
    }

    /** A fresh model of the named architecture ("vae-mlp" or "vae-conv") for images of {@code imageDims}. */
    public static VariationalAutoencoder create(String architecture, int[] imageDims, int latent,
                                                VariationalAutoencoder.Likelihood likelihood, Rng rng) {
        return switch (architecture) {
            case MlpVae.ARCHITECTURE -> new MlpVae(imageDims, 400, latent, likelihood, rng);
            case ConvVae.ARCHITECTURE -> new ConvVae(imageDims, latent, likelihood, rng);
            default -> throw new IllegalArgumentException("unknown VAE architecture '" + architecture
                    + "'; known: " + MlpVae.ARCHITECTURE + ", " + ConvVae.ARCHITECTURE);
        };
    }

    public static String architecture(VariationalAutoencoder vae) {
        return vae instanceof ConvVae ? ConvVae.ARCHITECTURE : MlpVae.ARCHITECTURE;
    }

    public static Map<String, String> hyperparameters(VariationalAutoencoder vae) {
        Map<String, String> h = new LinkedHashMap<>();
        int[] d = vae.imageDims();
        h.put("channels", "" + d[0]);
        h.put("height", "" + d[1]);
        h.put("width", "" + d[2]);
        h.put("latent", "" + vae.latent());
        h.put("likelihood", vae.likelihood().name().toLowerCase());
        if (vae instanceof MlpVae m) {
            h.put("hidden", "" + m.hidden());
        }
        return h;
    }

    /** The model alone, as a model file; {@code extra} adds hyperparameters and tensors (e.g. training state). */
    public static ModelFile toModelFile(VariationalAutoencoder vae, Map<String, String> extraHyper, Map<String, Tensor> extraTensors) {
        Map<String, String> h = hyperparameters(vae);
        h.putAll(extraHyper);
        Map<String, Tensor> t = new LinkedHashMap<>(vae.state());
        t.putAll(extraTensors);
        return new ModelFile(architecture(vae), h, List.of(), t);
    }

    public static boolean isVae(ModelFile m) {
        return m.architecture().equals(MlpVae.ARCHITECTURE) || m.architecture().equals(ConvVae.ARCHITECTURE);
    }

    /** Rebuilds the model stored in {@code m}; tensors not of the model (training state) are ignored. */
    public static VariationalAutoencoder fromModelFile(Path file, ModelFile m) throws ModelFileException {
        if (!isVae(m)) {
            throw new ModelFileException(file, "holds a '" + m.architecture() + "' model, not a VAE");
        }
        int[] dims = {m.intParameter(file, "channels"), m.intParameter(file, "height"), m.intParameter(file, "width")};
        VariationalAutoencoder.Likelihood likelihood;
        try {
            likelihood = VariationalAutoencoder.Likelihood.valueOf(m.hyperparameters().getOrDefault("likelihood", "").toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "hyperparameter 'likelihood' must be bernoulli or gaussian");
        }
        try {
            VariationalAutoencoder vae = m.architecture().equals(MlpVae.ARCHITECTURE)
                    ? new MlpVae(dims, m.intParameter(file, "hidden"), m.intParameter(file, "latent"), likelihood, new Rng(0))
                    : new ConvVae(dims, m.intParameter(file, "latent"), likelihood, new Rng(0));
            Map<String, Tensor> own = new LinkedHashMap<>();
            for (String name : vae.state().keySet()) {
                if (m.tensors().containsKey(name)) {
                    own.put(name, m.tensors().get(name));
                }
            }
            vae.loadState(own);
            return vae;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "does not fit its own architecture: " + e.getMessage());
        }
    }
}
