package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.io.ModelFile;
import vaelab.model.SceneJudge;
import vaelab.report.ConsoleProgress;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.train.EpochTrainer;
import vaelab.train.JudgeTrainer;

/**
 * {@code vaelab train --model judge}: a scene judge on its own, fresh scenes each epoch; with
 * {@code --sharp} on sharp renders only, a second reader that forgives no blur ({@code eval --sharp-judge}).
 */
final class JudgeTraining {
    @Option(names = "--sharp", description = "judge: learn from sharp renders only (the shipped judge also sees blurred ones).")
    boolean sharp;


    int run(PrintWriter w, String dataset, Integer limit, Path out, boolean resume, JudgeTrainer.Options options) throws IOException {
        if (!dataset.equals("scenes")) {
            throw new UserException("--model judge trains on --dataset scenes, not " + dataset);
        }
        Path checkpoint = EpochTrainer.checkpointOf(out);
        int n = limit != null ? limit : 20_000;
        CaptionedImages test = CaptionedImages.of(ScenesDataset.generate(ScenesDataset.Split.TEST, limit != null ? Math.max(1, n / 4) : 2_000));
        SceneJudge judge = new SceneJudge(0.2f, new Rng(options.seed()));
        JudgeTrainer trainer = new JudgeTrainer(judge, options,
                epoch -> CaptionedImages.of(ScenesDataset.generate(ScenesDataset.Split.TRAIN, (epoch - 1) * n, n)), test);
        if (resume) {
            ModelFile m = UserException.orUserError(() -> ModelFile.read(checkpoint));
            SceneJudge saved = UserException.orUserError(() -> SceneJudge.read(checkpoint));
            if (!Boolean.toString(options.blur()).equals(m.hyperparameters().get("blur"))) {
                throw new UserException("--resume: " + checkpoint + " was trained " + (options.blur() ? "with --sharp" : "without --sharp"));
            }
            judge.loadState(saved.state());
            UserException.orUserError(() -> {
                trainer.state().restore(checkpoint, m);
                return null;
            });
        }
        w.printf("%sscene judge: %,d parameters, %s; %,d fresh scenes per epoch, %d epochs, batch %d, lr %s%n",
                resume ? "resuming " + out + "; " : "", judge.parameterCount(), options.blur() ? "on sharp and blurred renders"
                        : "on sharp renders only", n, options.epochs(), options.batchSize(), options.learningRate());
        w.flush();
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("blur", Boolean.toString(options.blur()));
        hyper.put("train.options", options.toString());
        EpochTrainer.Checkpoint save = () -> {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Map<String, String> h = new LinkedHashMap<>(hyper);
            Map<String, Tensor> extra = new LinkedHashMap<>();
            extra.put("history.judge", trainer.state().history().toTensor());
            judge.toModelFile(h, extra).write(out);
            trainer.state().save(h, extra);
            judge.toModelFile(h, extra).write(checkpoint);
        };
        try {
            trainer.run(save, ConsoleProgress.forStdout(w));
        } catch (EpochTrainer.DivergedException e) {
            throw new UserException(e.getMessage(), e);
        }
        var h = trainer.state().history();
        w.printf("saved %s (attributes %.4f, sentiment %.4f on %,d test scenes)%n", out, h.column("test_attribute_accuracy")[h.size() - 1],
                h.column("test_sentiment_accuracy")[h.size() - 1], test.count());
        return 0;
    }
}
