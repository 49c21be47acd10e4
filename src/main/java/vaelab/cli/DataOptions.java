package vaelab.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import java.util.List;
import vaelab.data.CaptionedFolder;
import vaelab.data.CaptionedImages;
import vaelab.data.FashionMnist;
import vaelab.data.LabelCaptions;
import vaelab.data.LabeledImages;
import vaelab.data.scenes.ScenesDataset;

/** Which data a command reads: --dataset, --data-dir and --limit, shared by train and eval. */
final class DataOptions {
    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "The data set: fashion-mnist, or scenes (generated 32x32 landscapes labelled by sentiment)"
                    + " (default: ${DEFAULT-VALUE}).")
    String dataset;

    /** Generated scenes per split unless --limit says otherwise. */
    static final int SCENES_TRAIN = 20_000;
    static final int SCENES_TEST = 2_000;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    /**
     * Which generated scenes stand for the held-out split: the test split, or the validation split,
     * which is held out from training in the same way (for choosing settings without the test split).
     */
    ScenesDataset.Split scenesHeldOut = ScenesDataset.Split.TEST;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N images of each split: a quick try, not a real result.")
    Integer limit;

    /**
     * The split as captioned 32×32 images, for the cross-modal model: scenes with their captions,
     * Fashion-MNIST captioned from its labels, or {@code folder:DIR} (its first 90% for training,
     * the rest for testing).
     */
    CaptionedImages loadCaptioned(FashionMnist.Split split, boolean skipBad) {
        if (limit != null && limit < 1) {
            throw new UserException("--limit must be at least 1, got " + limit);
        }
        boolean train = split == FashionMnist.Split.TRAIN;
        if (dataset.equals("scenes")) {
            int count = limit != null ? limit : train ? SCENES_TRAIN : SCENES_TEST;
            return CaptionedImages.of(ScenesDataset.generate(train ? ScenesDataset.Split.TRAIN : scenesHeldOut, count));
        }
        if (dataset.equals("fashion-mnist")) {
            return CaptionedImages.ofLabels(load(split), LabelCaptions.FASHION_MNIST, train ? 11 : 12);
        }
        if (dataset.startsWith("folder:")) {
            Path dir = Path.of(dataset.substring("folder:".length()));
            CaptionedFolder.Result r;
            try {
                r = CaptionedFolder.read(dir, CaptionedImages.SIDE, skipBad);
            } catch (IOException e) {
                throw new UserException(e.getMessage(), e);
            }
            List<CaptionedFolder.Example> all = r.examples();
            if (all.size() < 2) {
                throw new UserException("folder " + dir + " has " + all.size() + " usable images; training needs at least 2");
            }
            int cut = Math.max(1, Math.min(all.size() - 1, (int) Math.round(all.size() * 0.9)));
            List<CaptionedFolder.Example> part = train ? all.subList(0, cut) : all.subList(cut, all.size());
            if (limit != null && part.size() > limit) {
                part = part.subList(0, limit);
            }
            return CaptionedImages.of(part);
        }
        throw new UserException("unknown dataset '" + dataset + "'; this command knows: scenes, fashion-mnist, folder:DIR");
    }

    LabeledImages load(FashionMnist.Split split) {
        if (limit != null && limit < 1) {
            throw new UserException("--limit must be at least 1, got " + limit);
        }
        if (dataset.equals("scenes")) {
            boolean train = split == FashionMnist.Split.TRAIN;
            int count = limit != null ? limit : train ? SCENES_TRAIN : SCENES_TEST;
            return LabeledImages.sentimentOf(ScenesDataset.generate(train ? ScenesDataset.Split.TRAIN : scenesHeldOut, count));
        }
        if (!dataset.equals("fashion-mnist")) {
            throw new UserException("unknown dataset '" + dataset + "'; this command knows: fashion-mnist, scenes");
        }
        try {
            LabeledImages data = FashionMnist.load(dataDir != null ? dataDir : FashionMnist.DEFAULT_DIR, split);
            return limit == null ? data : data.head(limit);
        } catch (IOException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
