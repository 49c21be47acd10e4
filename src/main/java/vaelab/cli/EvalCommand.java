package vaelab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.api.TextImageModel;
import vaelab.data.FashionMnist;
import vaelab.data.NonScenes;
import vaelab.data.LabeledImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.eval.ClassifierEvaluation;
import vaelab.io.ModelFile;
import vaelab.model.ConvClassifier;
import vaelab.report.Json;
import vaelab.data.CaptionedImages;
import vaelab.data.LabelCaptions;
import vaelab.eval.CrossModalEvaluation;
import vaelab.eval.LabelEvaluation;
import vaelab.eval.SentenceEvaluation;
import vaelab.eval.UnfamiliarEvaluation;
import vaelab.eval.VaeEvaluation;
import vaelab.model.CrossModalModel;
import vaelab.model.DiscreteModel;
import vaelab.model.Familiarity;
import vaelab.model.SentenceReading;
import vaelab.model.TextImageNetwork;
import vaelab.model.VaeFiles;
import vaelab.model.VariationalAutoencoder;

/** Measures a saved model on a test split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure a saved model on the test split (scenes: or the validation split, --split; or on sentences of"
                + " your own, --sentences).",
                "Example: vaelab eval --model out/models/classifier.vae --dataset fashion-mnist --json"})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file to measure.")
    Path modelFile;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--iwae-samples", paramLabel = "K", defaultValue = "100",
            description = "VAEs: importance samples per image for the log-likelihood bound (default: ${DEFAULT-VALUE}; 0 skips it).")
    int iwaeSamples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the posterior samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    TemperatureOption temperature = new TemperatureOption();

    @Mixin
    GuidanceOption guidance = new GuidanceOption();

    @Mixin
    CandidatesOption candidates = new CandidatesOption();

    @Option(names = "--judge", paramLabel = "FILE", defaultValue = "out/models/classifier.vae",
            description = "crossmodal on fashion-mnist: the classifier that judges generated pictures (default: ${DEFAULT-VALUE},"
                    + " made by 'vaelab train --model classifier').")
    Path judgeFile;

    @Option(names = "--sharp-judge", paramLabel = "FILE",
            description = "scene models: read the same pictures a second time with this judge (one trained on sharp renders only,"
                    + " 'vaelab train --model judge --sharp'), reported under sharp_judge.")
    Path sharpJudgeFile;

    @Option(names = "--split", paramLabel = "NAME", defaultValue = "test",
            description = "The split to measure on: test, or validation (scenes only; held out from training like the test"
                    + " split, for choosing settings without looking at the test split) (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--sentences", paramLabel = "FILE",
            description = "scenes cross-modal model: instead of the test split, draw pictures of each sentence in FILE (one per line,"
                    + " UTF-8; blank lines and lines starting with # skipped) as 'generate' does, and score what the judge finds"
                    + " against what the sentence's keywords name.")
    Path sentencesFile;

    @Option(names = "--n", paramLabel = "N", defaultValue = "16",
            description = "With --sentences: pictures per sentence (1–256; default: ${DEFAULT-VALUE}).")
    int picturesPerSentence;

    @Option(names = "--as-written", description = "With --sentences: give the model each sentence word for word instead of the scene"
            + " its keywords name (see generate --help).")
    boolean asWritten;

    @Option(names = "--unfamiliar", description = "Scene models: instead of the usual measures, how often real test scenes are"
            + " called unfamiliar (false alarms) and how many pictures that are not scenes are caught, by the rule that 'caption"
            + " --image' and 'sentiment --image' use.")
    boolean unfamiliar;

    @Override
    public Integer call() {
        threads.apply();
        if (split.equals("validation")) {
            if (!data.dataset.equals("scenes")) {
                throw new UserException("--split validation: only the scenes data set has a validation split; "
                        + data.dataset + " has train and test");
            }
            data.scenesHeldOut = ScenesDataset.Split.VALIDATION;
        } else if (!split.equals("test")) {
            throw new UserException("--split must be test or validation, got '" + split + "'");
        }
        if (sentencesFile != null) {
            return evalSentences();
        }
        if (unfamiliar) {
            return evalUnfamiliar();
        }
        ModelFile file = UserException.orUserError(() -> ModelFile.read(modelFile));
        if (VaeFiles.isVae(file)) {
            return evalVae(file);
        }
        if (file.architecture().equals(CrossModalModel.ARCHITECTURE) || file.architecture().equals(DiscreteModel.ARCHITECTURE)) {
            return evalCrossModal(file);
        }
        if (!file.architecture().equals(ConvClassifier.ARCHITECTURE)) {
            throw new UserException("model file " + modelFile + " holds a '" + file.architecture()
                    + "' model, which this build cannot evaluate");
        }
        ConvClassifier model = UserException.orUserError(() -> ConvClassifier.fromModelFile(modelFile, file));
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        ClassifierEvaluation.Result r = ClassifierEvaluation.evaluate(model, test);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = jsonHeader(file, r.images());
            o.put("accuracy", r.accuracy());
            o.put("loss", r.loss());
            Map<String, Object> perClass = new LinkedHashMap<>();
            for (int c = 0; c < r.perClassAccuracy().length; c++) {
                perClass.put(test.classNames()[c], r.perClassAccuracy()[c]);
            }
            o.put("per_class_accuracy", perClass);
            out.println(Json.write(o));
        } else {
            out.printf("%s on %,d %s %s images: accuracy %.4f, cross-entropy %.4f%n", modelFile, r.images(), data.dataset, split,
                    r.accuracy(), r.loss());
            for (int c = 0; c < r.perClassAccuracy().length; c++) {
                out.printf("  %-12s %.4f%n", test.classNames()[c], r.perClassAccuracy()[c]);
            }
        }
        return 0;
    }

    private int evalVae(ModelFile file) {
        if (iwaeSamples < 0) {
            throw new UserException("--iwae-samples must be >= 0");
        }
        VariationalAutoencoder vae = UserException.orUserError(() -> VaeFiles.fromModelFile(modelFile, file));
        LabeledImages test = data.load(FashionMnist.Split.TEST);
        // IWAE decodes every image k times: say so on stderr (stdout stays clean for --json).
        VaeEvaluation.Result r = VaeEvaluation.evaluate(vae, test, iwaeSamples, seed,
                progress(test.count(), "images (IWAE k = " + iwaeSamples + ")"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = jsonHeader(file, r.images());
            o.put("neg_elbo", r.negElbo());
            o.put("recon", r.reconstruction());
            o.put("kl", r.kl());
            o.put("iwae_nll", iwaeSamples > 0 ? r.iwaeNll() : null);
            o.put("iwae_samples", iwaeSamples);
            o.put("active_units", r.activeUnits());
            o.put("latent", vae.latent());
            o.put("kl_per_dim", java.util.Arrays.stream(r.klPerDimension()).boxed().toList());
            out.println(Json.write(o));
        } else {
            out.printf("%s on %,d %s %s images (nats per image):%n", modelFile, r.images(), data.dataset, split);
            out.printf("  -ELBO %.2f = reconstruction %.2f + KL %.2f%n", r.negElbo(), r.reconstruction(), r.kl());
            if (iwaeSamples > 0) {
                out.printf("  -log p(x) <= %.2f (importance-weighted bound, k = %d)%n", r.iwaeNll(), iwaeSamples);
            }
            out.printf("  active units: %d of %d (Var of the posterior mean over images > 0.01)%n", r.activeUnits(), vae.latent());
            out.print("  KL per dimension:");
            for (double k : r.klPerDimension()) {
                out.printf(" %.2f", k);
            }
            out.println();
        }
        return 0;
    }

    private int evalCrossModal(ModelFile file) {
        int draws = candidates.value();
        TextImageNetwork model = guidance.apply(UserException.orUserError(() -> file.architecture().equals(DiscreteModel.ARCHITECTURE)
                ? DiscreteModel.fromModelFile(modelFile, file) : CrossModalModel.fromModelFile(modelFile, file)));
        float tau = temperature.value(model.defaultTemperature());
        CaptionedImages test = data.loadCaptioned(FashionMnist.Split.TEST, false);
        if (test.channels() != model.channels()) {
            throw new UserException(modelFile + " was trained on " + model.dataset() + " (" + model.channels()
                    + " channels), not on " + data.dataset);
        }
        long start = System.nanoTime();
        java.util.function.IntConsumer progress = progress(test.count(), "pictures");
        Map<String, Object> o = jsonHeader(file, test.count());
        if (test.scenes() != null) {
            if (model.judge() == null) {
                throw new UserException(modelFile + " has no scene judge; it was trained on " + model.dataset());
            }
            List<vaelab.model.SceneJudge> others = sharpJudgeFile == null ? List.of()
                    : List.of(UserException.orUserError(() -> vaelab.model.SceneJudge.read(sharpJudgeFile)));
            List<CrossModalEvaluation.Result> rs = CrossModalEvaluation.evaluate(model, test, seed, tau, draws, progress, others);
            o.putAll(rs.get(0).toMap());
            if (sharpJudgeFile != null) {
                Map<String, Object> all = rs.get(1).toMap();
                Map<String, Object> second = new LinkedHashMap<>();
                second.put("file", sharpJudgeFile.toString());
                for (String k : List.of("text_to_image_accuracy", "strict_text_to_image_accuracy", "sentiment_agreement",
                        "reconstruction_accuracy", "sentiment_accuracy", "frechet_judge_distance", "frechet_judge_distance_floor",
                        "text_to_image_by_attribute", "reconstruction_by_attribute")) {
                    second.put(k, all.get(k));
                }
                o.put("sharp_judge", second);
            }
        } else if (sharpJudgeFile != null) {
            throw new UserException("--sharp-judge reads scene pictures; " + data.dataset + " has none");
        } else if (test.labels() != null && model instanceof CrossModalModel gaussian) {
            if (!java.nio.file.Files.exists(judgeFile)) {
                throw new UserException("no classifier at " + judgeFile + " to judge the pictures; train one with"
                        + " 'vaelab train --model classifier --dataset " + data.dataset + "' or name it with --judge");
            }
            ConvClassifier judge = UserException.orUserError(() -> ConvClassifier.fromModelFile(judgeFile, ModelFile.read(judgeFile)));
            LabelEvaluation.Result r = UserException.orUserError(() -> {
                try {
                    return LabelEvaluation.evaluate(gaussian, judge, test, LabelCaptions.FASHION_MNIST, seed, tau, draws, progress);
                } catch (IllegalArgumentException e) {
                    throw new vaelab.io.ModelFileException(judgeFile, e.getMessage());
                }
            });
            o.putAll(r.toMap(FashionMnist.CLASS_NAMES));
        } else {
            throw new UserException("the cross-modal metrics need scenes or labelled images; " + data.dataset + " has neither");
        }
        o.put("images", test.count());
        putSampling(o, tau, model.guidance(), draws, start);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(o));
        } else {
            out.printf("%s on %,d %s %s pictures:%n", modelFile, test.count(), data.dataset, split);
            o.forEach((k, v) -> {
                if (!k.equals("model") && !k.equals("dataset") && !k.equals("images") && !k.equals("split")) {
                    out.printf("  %-28s %s%n", k, plain(v));
                }
            });
        }
        return 0;
    }

    private int evalSentences() {
        if (picturesPerSentence < 1 || picturesPerSentence > 256) {
            throw new UserException("--n must be between 1 and 256, got " + picturesPerSentence);
        }
        List<String> sentences = readSentences(sentencesFile);
        TextImageModel model = guidance.apply(UserException.orUserError(() -> TextImageModel.load(modelFile)));
        if (!model.hasJudge()) {
            throw new UserException(modelFile + " has no scene judge to read the pictures; --sentences needs a model trained on scenes");
        }
        float tau = temperature.value(model.defaultTemperature());
        int draws = candidates.value();
        long start = System.nanoTime();
        SentenceEvaluation.Result r = SentenceEvaluation.evaluate(model.network(), sentences, picturesPerSentence, seed, tau, draws,
                asWritten ? SentenceReading.Mode.AS_WRITTEN : SentenceReading.Mode.KEYWORDS, progress(sentences.size(), "sentences"));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model.kind().equals("gaussian") ? CrossModalModel.ARCHITECTURE : DiscreteModel.ARCHITECTURE);
        o.put("sentences_file", sentencesFile.toString());
        o.put("reading", asWritten ? "as_written" : "keywords");
        o.put("pictures_per_sentence", picturesPerSentence);
        o.putAll(r.toMap());
        o.put("seed", seed);
        putSampling(o, tau, model.guidance(), draws, start);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(o));
        } else {
            out.printf("%s on %d sentences of %s, %d pictures each, read %s:%n", modelFile, sentences.size(), sentencesFile,
                    picturesPerSentence, asWritten ? "as written" : "through their keywords");
            for (SentenceEvaluation.SentenceScore s : r.sentences()) {
                out.printf("  %s  %5.1f%% agree  %s%s%n", s.named() == 0 ? "  n/a" : String.format("%5.3f", s.accuracy()),
                        100.0 * s.agree() / s.pictures(), s.text(), s.readAs().equals(s.text()) ? "" : "  → " + s.readAs());
            }
            out.printf("  named values found: %.4f of %,d; sentiment agreement %.4f%n", r.textToImageAccuracy(),
                    (int) o.get("named_values"), r.sentimentAgreement());
        }
        return 0;
    }

    /** The non-blank lines of a UTF-8 file that do not start with #. */
    private int evalUnfamiliar() {
        if (!data.dataset.equals("scenes")) {
            throw new UserException("--unfamiliar measures scene models: use --dataset scenes");
        }
        TextImageNetwork model = UserException.orUserError(() -> TextImageModel.load(modelFile)).network();
        long start = System.nanoTime();
        Familiarity familiarity = Familiarity.calibrate(model);
        LabeledImages fashion = null;
        try {
            fashion = FashionMnist.load(data.dataDir != null ? data.dataDir : FashionMnist.DEFAULT_DIR, FashionMnist.Split.TEST);
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("note: Fashion-MNIST not found (" + e.getMessage() + "); its pictures are left out");
        }
        int count = data.limit != null ? data.limit : 2_000;
        UnfamiliarEvaluation.Result r = UnfamiliarEvaluation.evaluate(model, familiarity,
                ScenesDataset.generate(data.scenesHeldOut, count), NonScenes.generate(34, 7, fashion));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model.kind().equals("gaussian") ? CrossModalModel.ARCHITECTURE : DiscreteModel.ARCHITECTURE);
        o.put("split", split);
        o.putAll(r.toMap());
        o.put("seconds", (System.nanoTime() - start) / 1e9);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(o));
        } else {
            out.printf("%s: a familiar picture has %s (limits from %,d validation scenes, quantile %s)%n", modelFile,
                    familiarity.describeLimits(), Familiarity.CALIBRATION_SCENES, Familiarity.UPPER_QUANTILE);
            out.printf("  real %s scenes called unfamiliar: %d of %,d (%.2f%%)%n", split, r.falseAlarms(), r.scenes(),
                    100 * r.falseAlarmRate());
            out.printf("  pictures that are not scenes caught: %.1f%% of %d%n", 100 * r.caughtRate(), r.nonScenes());
            r.caughtByKind().forEach((k, c) -> out.printf("    %-15s %3d of %3d%n", k.name().toLowerCase(java.util.Locale.ROOT), c[1], c[0]));
        }
        return 0;
    }

    private static List<String> readSentences(Path file) {
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException("no sentences file at " + file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserException(file + " is not UTF-8 text");
        } catch (java.io.IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage());
        }
        List<String> sentences = lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (sentences.isEmpty()) {
            throw new UserException(file + " holds no sentences (one per line; lines starting with # are comments)");
        }
        return sentences;
    }

    /**
     * Notes on stderr, every ten seconds at most, how far a long evaluation is and how long the rest will
     * take (stdout stays clean for --json).
     */
    private java.util.function.IntConsumer progress(int total, String what) {
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        long[] lastNotice = {start};
        return done -> {
            long now = System.nanoTime();
            if (now - lastNotice[0] > 10_000_000_000L && done < total) {
                lastNotice[0] = now;
                err.printf("evaluating: %,d of %,d %s, ETA %s%n", done, total, what,
                        vaelab.report.ConsoleProgress.duration((now - start) / 1e9 * (total - done) / done));
                err.flush();
            }
        };
    }

    /** The keys that end every result of pictures drawn from text: how they were drawn, and the time taken. */
    private static void putSampling(Map<String, Object> o, float tau, float guidance, int draws, long start) {
        o.put("temperature", Double.parseDouble(Float.toString(tau)));
        o.put("guidance", Double.parseDouble(Float.toString(guidance)));
        o.put("candidates", draws);
        o.put("seconds", (System.nanoTime() - start) / 1e9);
    }

    /** A value for people: fractions to four places, also inside maps. */
    private static String plain(Object v) {
        if (v instanceof Double d) {
            return String.format("%.4f", d);
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + ": " + plain(e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(v);
    }

    /** The keys every --json result starts with. */
    private Map<String, Object> jsonHeader(ModelFile file, int images) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", file.architecture());
        o.put("dataset", data.dataset);
        o.put("images", images);
        o.put("split", split);
        return o;
    }
}
