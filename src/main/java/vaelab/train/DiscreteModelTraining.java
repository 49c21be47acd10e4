package vaelab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.io.ModelFile;
import vaelab.io.ModelFileException;
import vaelab.model.CaptionVocabulary;
import vaelab.model.CodePrior;
import vaelab.model.DiscreteModel;
import vaelab.model.DiscreteVae;
import vaelab.model.History;
import vaelab.model.SceneJudge;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.Tokenizer;
import vaelab.text.Vocabulary;

/**
 * Trains a {@link DiscreteModel} on generated scenes in two stages, one checkpoint for both: the
 * discrete VAE, then the prior over the codes it gives fresh scenes each epoch. The judge is not
 * trained here: it is the Gaussian model's, so that both kinds are read by the same outside judge.
 */
public final class DiscreteModelTraining {
    /**
     * @param scenes     training scenes per epoch (fresh ones each epoch)
     * @param testScenes test scenes measured after each epoch
     * @param weightBits 32, or 16 to store the finished model's discrete VAE and prior in half precision (half the
     *                   bytes; the judge, the history and the checkpoint stay in 32 bits)
     */
    public record Options(DiscreteVae.Config vae, DiscreteVaeTrainer.Options vaeTraining, int priorWidth, int priorLayers,
                          int priorHeads, float priorDropout, CodePriorTrainer.Options priorTraining, int scenes, int testScenes,
                          int weightBits) {
        public Options {
            if (scenes < 1 || testScenes < 1) {
                throw new IllegalArgumentException("need at least one training and one test scene, got " + scenes + " and " + testScenes);
            }
            if (weightBits != 16 && weightBits != 32) {
                throw new IllegalArgumentException("weights are stored in 16 or 32 bits, not " + weightBits);
            }
        }
    }

    private final Options options;
    private final Path out;
    private final SceneJudge judge;
    private final Vocabulary vocabulary;
    private final DiscreteVae vae;
    private final CodePrior prior;
    private final DiscreteVaeTrainer vaeTrainer;
    private final CodePriorTrainer priorTrainer;
    private final CaptionedImages test;
    private final Tokenizer tokenizer = vaelab.data.scenes.ScenesText.tokenizer();

    /** A new run (resume: false) or the one whose checkpoint sits beside {@code out}. */
    public DiscreteModelTraining(Options options, Path out, SceneJudge judge, boolean resume) throws ModelFileException {
        this.options = options;
        this.out = out;
        this.judge = judge;
        ScenesDataset first = ScenesDataset.generate(ScenesDataset.Split.TRAIN, 0, options.scenes());
        CaptionedImages firstEpoch = CaptionedImages.of(first);
        CaptionVocabulary captions = CaptionVocabulary.of(firstEpoch.captions());
        this.vocabulary = captions.vocabulary();
        Rng rng = new Rng(options.vaeTraining().seed());
        this.vae = new DiscreteVae(options.vae(), rng);
        this.prior = new CodePrior(new CodePrior.Config(vocabulary.size(), options.vae().codes(), captions.longest(), options.priorWidth(),
                options.priorLayers(), options.priorHeads(), options.priorDropout(), options.vae().depth()), rng);
        this.test = CaptionedImages.of(ScenesDataset.generate(ScenesDataset.Split.TEST, options.testScenes()));
        this.vaeTrainer = new DiscreteVaeTrainer(vae, options.vaeTraining(),
                epoch -> epoch == 1 ? firstEpoch : scenes(epoch), test);
        this.priorTrainer = new CodePriorTrainer(prior, options.priorTraining(), epoch -> sequences(scenes(epoch)),
                () -> sequences(test));
        if (resume) {
            Path file = EpochTrainer.checkpointOf(out);
            ModelFile m = ModelFile.read(file);
            DiscreteModel saved = DiscreteModel.fromModelFile(file, m);
            if (!saved.vocabulary().tokens().equals(vocabulary.tokens()) || !saved.vae().config().equals(options.vae())
                    || !saved.prior().config().equals(prior.config())) {
                throw new ModelFileException(file, "was trained with another architecture or vocabulary: "
                        + saved.vae().config() + ", " + saved.prior().config());
            }
            vae.loadState(saved.vae().state());
            prior.loadState(saved.prior().state());
            vaeTrainer.state().restore(file, m);
            if (RunState.present(m, CodePriorTrainer.PREFIX)) {
                priorTrainer.state().restore(file, m);
            }
        }
    }


    public DiscreteVae vae() {
        return vae;
    }

    public CodePrior prior() {
        return prior;
    }

    /** Runs what is left of both stages and writes the model to {@code out}; returns it. */
    public DiscreteModel run(TrainingListener listener) throws IOException {
        if (vaeTrainer.state().epochsDone() < vaeTrainer.epochs()) {
            listener.phase("the discrete VAE: epochs " + (vaeTrainer.state().epochsDone() + 1) + "–" + vaeTrainer.epochs()
                    + ", " + options.scenes() + " fresh scenes each");
            vaeTrainer.run(this::writeCheckpoint, listener);
        }
        vae.eval();
        if (priorTrainer.state().epochsDone() < priorTrainer.epochs()) {
            listener.phase("the prior: epochs " + (priorTrainer.state().epochsDone() + 1) + "–" + priorTrainer.epochs()
                    + " over the codes of " + options.scenes() + " fresh scenes each");
            priorTrainer.run(this::writeCheckpoint, listener);
        }
        DiscreteModel model = model();
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ModelFile file = model.toModelFile(trainingRecord());
        if (options.weightBits() == 16) {
            file = file.withHalfPrecision(DiscreteModel::isNetworkWeight);
            model = DiscreteModel.fromModelFile(out, file); // the model as the file will read back
        }
        file.write(out);
        return model;
    }

    private DiscreteModel model() {
        Map<String, History> history = new LinkedHashMap<>();
        history.put("dvae", vaeTrainer.state().history());
        history.put("prior", priorTrainer.state().history());
        return new DiscreteModel(vae, prior, vocabulary, judge, history);
    }

    private Map<String, String> trainingRecord() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("train.options", options.toString());
        return extra;
    }

    private void writeCheckpoint() throws IOException {
        ModelFile base = model().toModelFile(trainingRecord());
        Map<String, String> hyper = new LinkedHashMap<>(base.hyperparameters());
        Map<String, Tensor> tensors = new LinkedHashMap<>(base.tensors());
        vaeTrainer.state().save(hyper, tensors);
        priorTrainer.state().save(hyper, tensors);
        Path file = EpochTrainer.checkpointOf(out);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ModelFile(base.architecture(), hyper, base.vocabulary(), tensors).write(file);
    }

    private CaptionedImages scenes(int epoch) {
        return CaptionedImages.of(ScenesDataset.generate(ScenesDataset.Split.TRAIN, (epoch - 1) * options.scenes(), options.scenes()));
    }

    /** Each scene's caption as token ids and its picture's codes under the trained discrete VAE. */
    private CodePriorTrainer.Sequences sequences(CaptionedImages d) {
        List<int[]> captions = new ArrayList<>(d.count());
        for (String c : d.captions()) {
            captions.add(tokenizer.encode(c, vocabulary, prior.config().maxTokens()).ids());
        }
        vae.eval();
        int[] grids = new int[d.count() * vae.config().codesPerPicture()];
        for (int from = 0; from < d.count(); from += 256) {
            int[] idx = new int[Math.min(256, d.count() - from)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            int[] codes = vae.encode(d.images(idx));
            System.arraycopy(codes, 0, grids, from * vae.config().codesPerPicture(), codes.length);
        }
        return new CodePriorTrainer.Sequences(captions, grids);
    }
}
