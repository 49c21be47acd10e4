package vaelab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import vaelab.api.TextImageModel;
import vaelab.data.FashionMnist;
import vaelab.data.LabeledImages;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.DiscreteModel;
import vaelab.model.VaeFiles;

/**
 * The laboratory: its pages over the models and data it finds, served by a {@link LabServer}. A page
 * whose model or data is missing answers 503 with what it needs; the others work.
 */
public final class Lab implements AutoCloseable {
    /**
     * What the lab reads.
     *
     * @param sceneModels  scene models for the text page, each shown by its kind (missing files are skipped)
     * @param fashionModel the image VAE of the latent page
     * @param fashionData  the folder of the Fashion-MNIST files, for the latent and training pages
     */
    public record Inputs(List<Path> sceneModels, Path fashionModel, Path fashionData) {
    }

    private final LabServer server;
    private final Map<String, String> missing = new LinkedHashMap<>();
    private final TrainingPage training;
    private TextPage text;

    private Lab(LabServer server, TrainingPage training) {
        this.server = server;
        this.training = training;
    }

    /** Loads what exists of {@code files} and registers every page's endpoints; call {@link #start}. */
    public static Lab open(Inputs files, Consumer<String> log) {
        Map<String, String> missing = new LinkedHashMap<>();
        List<TextPage.Named> scenes = new ArrayList<>();
        DiscreteModel discrete = null;
        for (Path p : files.sceneModels()) {
            if (!Files.exists(p)) {
                missing.put(p.toString(), "no file");
                continue;
            }
            try {
                TextImageModel m = TextImageModel.load(p);
                scenes.add(new TextPage.Named(m.kind() + " (" + p.getFileName() + ")", m));
                if (m.network() instanceof DiscreteModel d && discrete == null) {
                    discrete = d;
                }
            } catch (ModelFileException e) {
                missing.put(p.toString(), e.getMessage());
            }
        }
        Supplier<LabeledImages> train = memo(() -> fashion(files.fashionData(), FashionMnist.Split.TRAIN));
        Supplier<LabeledImages> test = memo(() -> fashion(files.fashionData(), FashionMnist.Split.TEST));
        LatentPage latent = null;
        String latentMissing = null;
        try {
            ModelFile m = ModelFile.read(files.fashionModel());
            if (!VaeFiles.isVae(m)) {
                throw new ModelFileException(files.fashionModel(), "is not an image VAE");
            }
            latent = new LatentPage(VaeFiles.fromModelFile(files.fashionModel(), m), test.get());
        } catch (ModelFileException | LabException e) {
            latentMissing = e.getMessage() + (Files.exists(files.fashionModel()) ? "" : "; make it with: ./vaelab train --model"
                    + " vae-mlp --dataset fashion-mnist --epochs 30 --kl-warmup 5 --out " + files.fashionModel());
        }
        TrainingPage training = new TrainingPage(train, test);
        LabServer server = new LabServer(2, 16, log);
        Lab lab = new Lab(server, training);
        lab.missing.putAll(missing);
        TextPage text = new TextPage(scenes);
        lab.text = text;
        server.get("/api/info", r -> lab.info(text.names()));
        server.post("/api/generate", text::generate);
        String whyNoLatent = latentMissing;
        LatentPage l = latent;
        server.get("/api/latent", needs(l, whyNoLatent, p -> p::summary));
        server.post("/api/latent/decode", needs(l, whyNoLatent, p -> p::decode));
        server.post("/api/latent/map", needs(l, whyNoLatent, p -> p::mapPoint));
        server.post("/api/latent/interpolate", needs(l, whyNoLatent, p -> p::interpolate));
        server.post("/api/latent/image", needs(l, whyNoLatent, p -> p::image));
        if (latentMissing != null) {
            lab.missing.put("latent space", latentMissing);
        }
        server.postNow("/api/train/start", training::start);
        server.postNow("/api/train/stop", training::stop);
        server.get("/api/train/status", training::status);
        CodesPage codes = discrete == null ? null : new CodesPage(discrete);
        String whyNoCodes = "no discrete-code scene model was loaded (data/models/scenes-discrete.vae, or --discrete-model)";
        server.post("/api/codes/scene", needs(codes, whyNoCodes, p -> p::scene));
        server.post("/api/codes/decode", needs(codes, whyNoCodes, p -> p::decode));
        server.post("/api/codes/alternatives", needs(codes, whyNoCodes, p -> p::alternatives));
        if (codes == null) {
            lab.missing.put("codes", whyNoCodes);
        }
        return lab;
    }

    /** Starts serving, and warms the text page's models up in the background. */
    public Lab start(String host, int port) throws IOException {
        server.start(host, port);
        Thread warm = new Thread(text::warmUp, "vaelab-lab-warm-up");
        warm.setDaemon(true);
        warm.setPriority(Thread.MIN_PRIORITY);
        warm.start();
        return this;
    }

    public int port() {
        return server.port();
    }

    /** What could not be loaded, by page or file, with the reason. */
    public Map<String, String> missing() {
        return Map.copyOf(missing);
    }

    private Object info(List<String> sceneModels) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sceneModels", sceneModels);
        out.put("missing", missing);
        out.put("maxText", TextPage.MAX_TEXT);
        return out;
    }

    private static <P> Function<JsonRequest, Object> needs(P page, String why, Function<P, Function<JsonRequest, Object>> handler) {
        if (page == null) {
            return r -> {
                throw new LabException(503, why);
            };
        }
        return handler.apply(page);
    }

    private static LabeledImages fashion(Path dir, FashionMnist.Split split) {
        try {
            return FashionMnist.load(dir, split);
        } catch (IOException e) {
            throw new LabException(503, "no Fashion-MNIST files in " + dir + " (" + e.getMessage() + "): on Debian,"
                    + " apt-get install dataset-fashion-mnist, or pass --data-dir");
        }
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    @Override
    public void close() {
        training.stopQuietly();
        server.close();
    }
}
