package vaelab.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.data.scenes.ScenesText;
import vaelab.model.CodePrior;
import vaelab.model.DiscreteModel;
import vaelab.tensor.Gemm;
import vaelab.tensor.Parallel;
import vaelab.tensor.Rng;
import vaelab.text.Tokenizer;
import vaelab.train.CodePriorTrainer;
import vaelab.train.EpochTrainer;
import vaelab.train.TrainingListener;

/**
 * The vaelab half of {@code peers/prior.sh}: writes the sequences (caption ids and the discrete VAE's
 * codes of fresh scenes) that both peers train on, and trains the same prior as the shipped model's
 * for one epoch on them, printing the throughput and the test losses.
 *
 * <pre>
 *   java … vaelab.bench.PriorPeer export MODEL FILE [TRAIN] [TEST]
 *   java … vaelab.bench.PriorPeer train MODEL FILE THREADS
 * </pre>
 */
public final class PriorPeer {
    private PriorPeer() {
    }

    public static void main(String[] args) throws Exception {
        DiscreteModel m = DiscreteModel.read(Path.of(args[1]));
        Path file = Path.of(args[2]);
        if (args[0].equals("export")) {
            int train = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
            int test = args.length > 4 ? Integer.parseInt(args[4]) : 2_000;
            export(m, file, train, test);
        } else {
            Parallel.setThreads(Integer.parseInt(args[3]));
            train(m, file);
        }
    }

    /** int32 little-endian: train, test, slots, vocabulary, codes; then per sequence its caption length, slots ids, 64 codes. */
    static void export(DiscreteModel m, Path file, int train, int test) throws IOException {
        CodePrior.Config c = m.prior().config();
        if (c.depth() != 1) {
            throw new IllegalArgumentException("prior.py's PyTorch prior reads one code per cell; this model has " + c.depth());
        }
        int cells = c.cells();
        List<int[]> rows = new ArrayList<>();
        Tokenizer tokenizer = ScenesText.tokenizer();
        for (var split : List.of(Map.entry(ScenesDataset.Split.TRAIN, train), Map.entry(ScenesDataset.Split.TEST, test))) {
            CaptionedImages d = CaptionedImages.of(ScenesDataset.generate(split.getKey(), split.getValue()));
            for (int from = 0; from < d.count(); from += 256) {
                int[] idx = new int[Math.min(256, d.count() - from)];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = from + i;
                }
                int[] codes = m.vae().encode(d.images(idx));
                for (int i = 0; i < idx.length; i++) {
                    int[] ids = tokenizer.encode(d.captions().get(idx[i]), m.vocabulary(), c.maxTokens()).ids();
                    int[] row = new int[1 + c.maxTokens() + cells];
                    row[0] = ids.length;
                    System.arraycopy(ids, 0, row, 1, ids.length);
                    System.arraycopy(codes, i * cells, row, 1 + c.maxTokens(), cells);
                    rows.add(row);
                }
            }
        }
        ByteBuffer b = ByteBuffer.allocate(4 * (5 + rows.size() * rows.get(0).length)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(train).putInt(test).putInt(c.maxTokens()).putInt(c.vocabulary()).putInt(c.codes());
        for (int[] row : rows) {
            for (int v : row) {
                b.putInt(v);
            }
        }
        Files.write(file, b.array());
        System.out.printf("wrote %s: %d training and %d test sequences, captions of up to %d tokens%n", file, train, test, c.maxTokens());
    }

    /** @param cells codes per sequence, 64 (the files hold models of one code per cell) */
    static CodePriorTrainer.Sequences[] read(Path file, int cells) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int train = b.getInt();
        int test = b.getInt();
        int slots = b.getInt();
        b.getInt();
        b.getInt();
        CodePriorTrainer.Sequences[] out = new CodePriorTrainer.Sequences[2];
        for (int part = 0; part < 2; part++) {
            int n = part == 0 ? train : test;
            List<int[]> captions = new ArrayList<>(n);
            int[] grids = new int[n * cells];
            for (int i = 0; i < n; i++) {
                int length = b.getInt();
                int[] ids = new int[slots];
                for (int s = 0; s < slots; s++) {
                    ids[s] = b.getInt();
                }
                captions.add(java.util.Arrays.copyOf(ids, length));
                for (int j = 0; j < cells; j++) {
                    grids[i * cells + j] = b.getInt();
                }
            }
            out[part] = new CodePriorTrainer.Sequences(captions, grids);
        }
        return out;
    }

    /** One epoch of the model's prior architecture from a fresh start, with the shipped command's options. */
    static void train(DiscreteModel m, Path file) throws IOException {
        CodePriorTrainer.Sequences[] data = read(file, m.prior().config().cells());
        CodePrior.Config c = m.prior().config();
        CodePrior prior = new CodePrior(c, new Rng(2));
        CodePriorTrainer trainer = new CodePriorTrainer(prior, new CodePriorTrainer.Options(1, 64, 1e-3f, 2, 0.25f, 0.25f, 500),
                epoch -> data[0], () -> data[1]);
        System.out.printf("vaelab %s, %d threads: prior of %,d parameters (%d blocks of %d, %d heads)%n", Gemm.kernelName(),
                Parallel.threads(), prior.parameterCount(), c.layers(), c.width(), c.heads());
        trainer.run(EpochTrainer.Checkpoint.NONE, new TrainingListener() {
            @Override
            public void epochDone(int epoch, Map<String, Double> row) {
                System.out.printf("epoch %d sequences_per_second %.1f test_text_nll %.4f test_image_nll %.4f test_caption_nll %.4f%n",
                        epoch, row.get("sequences_per_second"), row.get("test_text_nll"), row.get("test_image_nll"),
                        row.get("test_caption_nll"));
            }
        });
    }
}
