package vaelab.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import vaelab.data.FashionMnist;
import vaelab.data.LabeledImages;

/** Which data a command reads: --dataset, --data-dir and --limit, shared by train and eval. */
final class DataOptions {
    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "The data set: fashion-mnist (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder with the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N images of each split: a quick try, not a real result.")
    Integer limit;

    LabeledImages load(FashionMnist.Split split) {
        if (!dataset.equals("fashion-mnist")) {
            throw new UserException("unknown dataset '" + dataset + "'; this command knows: fashion-mnist");
        }
        if (limit != null && limit < 1) {
            throw new UserException("--limit must be at least 1, got " + limit);
        }
        try {
            LabeledImages data = FashionMnist.load(dataDir != null ? dataDir : FashionMnist.DEFAULT_DIR, split);
            return limit == null ? data : data.head(limit);
        } catch (IOException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
