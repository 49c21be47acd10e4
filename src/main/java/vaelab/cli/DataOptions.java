package vaelab.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import vaelab.data.FashionMnist;
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

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N images of each split: a quick try, not a real result.")
    Integer limit;

    LabeledImages load(FashionMnist.Split split) {
        if (limit != null && limit < 1) {
            throw new UserException("--limit must be at least 1, got " + limit);
        }
        if (dataset.equals("scenes")) {
            boolean train = split == FashionMnist.Split.TRAIN;
            int count = limit != null ? limit : train ? SCENES_TRAIN : SCENES_TEST;
            return ScenesDataset.generate(train ? ScenesDataset.Split.TRAIN : ScenesDataset.Split.TEST, count).sentimentImages();
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
