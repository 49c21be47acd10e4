package vaelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.data.scenes.Scene;
import vaelab.data.scenes.SceneRenderer;
import vaelab.data.scenes.ScenesDataset;
import vaelab.report.ImageGrid;

/** {@code vaelab dataset}: look at and export the generated scenes. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Look at or export a generated data set.",
        subcommands = {DatasetCommand.Preview.class, DatasetCommand.Export.class})
final class DatasetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ScenesDataset.Split split(String name) {
        try {
            return ScenesDataset.Split.valueOf(name.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new UserException("--split must be train, validation or test, not '" + name + "'");
        }
    }

    static void requireScenes(String dataset) {
        if (!dataset.equals("scenes")) {
            throw new UserException("unknown dataset '" + dataset + "'; this command knows: scenes");
        }
    }

    /** One line of attributes, e.g. "sky=sunny land=mountains(snow) water=clear plants=none animals=group". */
    static String attributes(Scene s) {
        return "sky=" + s.sky().name().toLowerCase() + " land=" + s.land().name().toLowerCase() + (s.snow() ? "(snow)" : "")
                + " water=" + s.water().name().toLowerCase() + " plants=" + s.plants().name().toLowerCase()
                + " animals=" + s.animals().name().toLowerCase();
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "A grid of generated scenes with their captions and sentiment, as a PNG.")
    static final class Preview implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dataset", defaultValue = "scenes",
                description = "scenes, or folder:DIR with captions.tsv and images (default: ${DEFAULT-VALUE}).")
        String dataset;
        @Option(names = "--split", defaultValue = "test", description = "train, validation or test (default: ${DEFAULT-VALUE}).")
        String split;
        @Option(names = "--count", defaultValue = "24", description = "How many scenes (default: ${DEFAULT-VALUE}).")
        int count;
        @Option(names = "--out", defaultValue = "out/scenes.png", paramLabel = "FILE",
                description = "The picture to write, PNG or JPEG by its extension (default: ${DEFAULT-VALUE}).")
        Path out;
        @Option(names = "--skip-bad", description = "With folder:DIR, leave out bad rows (and list them) instead of stopping.")
        boolean skipBad;

        @Override
        public Integer call() throws IOException {
            PictureOutput.check(out);
            if (dataset.startsWith("folder:")) {
                return previewFolder(Path.of(dataset.substring("folder:".length())));
            }
            requireScenes(dataset);
            if (count < 1 || count > 1000) {
                throw new UserException("--count must be between 1 and 1000, got " + count);
            }
            ScenesDataset d = ScenesDataset.generate(split(split), count);
            String[] captions = new String[count];
            PrintWriter w = spec.commandLine().getOut();
            for (int i = 0; i < count; i++) {
                captions[i] = (d.scene(i).positive() ? "(+) " : "(−) ") + d.caption(i);
                w.printf("%3d %s  %s  [%s]%n", i, d.scene(i).positive() ? "positive" : "negative", d.caption(i), attributes(d.scene(i)));
            }
            PictureOptions.write(ImageGrid.renderCaptioned(d.pixels(), count, 3, SceneRenderer.SIZE,
                    SceneRenderer.SIZE, 6, 5, captions, 4), out, w);
            return 0;
        }

        private int previewFolder(Path dir) throws IOException {
            vaelab.data.CaptionedFolder.Result r;
            try {
                r = vaelab.data.CaptionedFolder.read(dir, SceneRenderer.SIZE, skipBad);
            } catch (IOException e) {
                throw new UserException(e.getMessage(), e);
            }
            PrintWriter w = spec.commandLine().getOut();
            r.skipped().forEach(s -> w.println("skipped: " + s));
            int n = Math.min(count, r.examples().size());
            int size = 3 * SceneRenderer.SIZE * SceneRenderer.SIZE;
            float[] px = new float[n * size];
            String[] captions = new String[n];
            for (int i = 0; i < n; i++) {
                vaelab.data.CaptionedFolder.Example e = r.examples().get(i);
                System.arraycopy(e.pixels(), 0, px, i * size, size);
                captions[i] = (e.sentiment() == 1 ? "(+) " : e.sentiment() == 0 ? "(−) " : "") + e.caption();
                w.printf("%3d %s  %s%n", i, e.file(), e.caption());
            }
            try {
                PictureOutput.write(ImageGrid.renderCaptioned(px, n, 3, SceneRenderer.SIZE, SceneRenderer.SIZE, 6, 5, captions, 4), out);
            } catch (IOException e) {
                throw new UserException("cannot write " + out + ": " + e.getMessage(), e);
            }
            w.printf("read %d images from %s; wrote %s%n", r.examples().size(), dir, out);
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write scenes as PNG files plus captions.tsv (file, caption, sentiment, attributes),",
                    "the layout that --dataset folder:DIR reads back."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dataset", defaultValue = "scenes", description = "The data set (default: ${DEFAULT-VALUE}).")
        String dataset;
        @Option(names = "--split", defaultValue = "test", description = "train, validation or test (default: ${DEFAULT-VALUE}).")
        String split;
        @Option(names = "--count", defaultValue = "1000", description = "How many scenes (default: ${DEFAULT-VALUE}).")
        int count;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write (created if missing).")
        Path out;

        @Override
        public Integer call() throws IOException {
            requireScenes(dataset);
            if (count < 1) {
                throw new UserException("--count must be at least 1, got " + count);
            }
            Files.createDirectories(out);
            ScenesDataset d = ScenesDataset.generate(split(split), count);
            float[] px = d.pixels();
            int size = 3 * SceneRenderer.SIZE * SceneRenderer.SIZE;
            try (Writer tsv = Files.newBufferedWriter(out.resolve("captions.tsv"), StandardCharsets.UTF_8)) {
                tsv.write("file\tcaption\tsentiment\tattributes\n");
                for (int i = 0; i < count; i++) {
                    String name = String.format("scene-%05d.png", i);
                    float[] one = java.util.Arrays.copyOfRange(px, i * size, (i + 1) * size);
                    ImageGrid.writePng(ImageGrid.render(one, 1, 3, SceneRenderer.SIZE, SceneRenderer.SIZE, 1, 1, null)
                            .getSubimage(2, 2, SceneRenderer.SIZE, SceneRenderer.SIZE), out.resolve(name));
                    tsv.write(name + "\t" + d.caption(i) + "\t" + (d.scene(i).positive() ? "positive" : "negative") + "\t"
                            + attributes(d.scene(i)) + "\n");
                }
            }
            spec.commandLine().getOut().printf("wrote %d scenes of the %s split and captions.tsv to %s%n", count, split, out);
            return 0;
        }
    }
}
