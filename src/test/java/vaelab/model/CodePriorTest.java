package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vaelab.autograd.GradCheck;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.text.Vocabulary;

/** The prior's sequence layout, its gradient, and a sampler whose cached steps give the full forward's probabilities. */
class CodePriorTest {
    private static final int CELLS = DiscreteVae.GRID * DiscreteVae.GRID;

    private static CodePrior tiny(long seed) {
        return new CodePrior(new CodePrior.Config(7, 5, 3, 8, 2, 2, 0f), new Rng(seed));
    }

    private static int[] grid(Rng rng, int n, int codes) {
        int[] g = new int[n * CELLS];
        for (int i = 0; i < g.length; i++) {
            g[i] = rng.nextInt(codes);
        }
        return g;
    }

    @Test
    void aTextFirstSequenceIsTheOrderTokenTheCaptionItsEndPaddingThenTheCodes() {
        CodePrior p = tiny(1);
        int[] g = grid(new Rng(2), 1, 5);
        CodePrior.Batch b = p.batch(List.of(new int[] {4, 6}), g, new boolean[] {false});
        // vocabulary 7, codes 5: codes are ids 7…11, text-first is 12, image-first 13; 4 caption slots.
        assertThat(b.ids()).startsWith(12, 4, 6, Vocabulary.EOS_ID, Vocabulary.PAD_ID, 7 + g[0], 7 + g[1]);
        assertThat(b.ids()).hasSize(4 + CELLS); // the last code is a target only
        assertThat(b.keep()).startsWith(true, true, true, true, false, true);
        // Positions 0, 1, 2 predict the two tokens and the end; the padding's target is not scored.
        assertThat(b.textPositions()).containsExactly(0, 1, 2);
        assertThat(b.textTargets()).containsExactly(4, 6, Vocabulary.EOS_ID);
        // The last caption slot (padding, position 4) predicts the first code.
        assertThat(b.codePositions()[0]).isEqualTo(4);
        assertThat(b.codeTargets()).containsExactly(g);
    }

    @Test
    void anImageFirstSequenceIsTheCodesThenTheCaption() {
        CodePrior p = tiny(1);
        int[] g = grid(new Rng(3), 1, 5);
        CodePrior.Batch b = p.batch(List.of(new int[] {5}), g, new boolean[] {true});
        assertThat(b.ids()[0]).isEqualTo(13);
        assertThat(b.ids()[1]).isEqualTo(7 + g[0]);
        assertThat(b.ids()[1 + CELLS]).isEqualTo(5);
        assertThat(b.codePositions()[0]).isZero();
        // The last code (position 64) predicts the first caption token, which predicts the end.
        assertThat(b.textPositions()).containsExactly(CELLS, CELLS + 1);
        assertThat(b.textTargets()).containsExactly(5, Vocabulary.EOS_ID);
    }

    @Test
    void theLossHasTheGradientOfFiniteDifferencesInEveryParameter() {
        CodePrior p = tiny(4);
        Rng rng = new Rng(5);
        // At GPT-2's scale (0.02) the embeddings are far smaller than the finite-difference step, and the
        // LayerNorm that follows bends sharply on that scale: the check runs at unit scale instead.
        for (String name : List.of("tokens.weight", "positions.weight")) {
            float[] w = p.state().get(name).data();
            for (int i = 0; i < w.length; i++) {
                w[i] *= 50f;
            }
        }
        CodePrior.Batch b = p.batch(List.of(new int[] {4, 5, 6}, new int[] {}), grid(rng, 2, 5), new boolean[] {false, true});
        GradCheck.check(in -> p.loss(b).total(0.5f), p.parameters().toArray(new Tensor[0])).orThrow();
    }

    @Test
    void drawnCodesHaveTheLikelihoodTheFullForwardGivesThem() {
        CodePrior p = tiny(6);
        Rng rng = new Rng(7);
        int[] caption = {4, 6};
        CodePrior.Drawn drawn = p.drawCodes(caption, 3, new CodePrior.Sampling(1f, 0), rng);
        List<int[]> captions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            captions.add(caption);
        }
        for (int i = 0; i < 3; i++) {
            int[] one = java.util.Arrays.copyOfRange(drawn.codes(), i * CELLS, (i + 1) * CELLS);
            double meanNll = p.loss(p.batch(List.of(caption), one, new boolean[] {false})).image().item();
            assertThat(-drawn.logLikelihood()[i]).as("picture %d", i).isCloseTo(meanNll * CELLS,
                    org.assertj.core.data.Offset.offset(1e-3 * CELLS));
        }
        // Three pictures of one caption are three different grids.
        assertThat(java.util.Arrays.copyOfRange(drawn.codes(), 0, CELLS))
                .isNotEqualTo(java.util.Arrays.copyOfRange(drawn.codes(), CELLS, 2 * CELLS));
    }

    @Test
    void greedyDrawsAndCaptionsRepeatAndCaptionsHoldOnlyRealTokens() {
        CodePrior p = tiny(8);
        CodePrior.Sampling greedy = new CodePrior.Sampling(0f, 0);
        int[] a = p.drawCodes(new int[] {4}, 2, greedy, new Rng(1)).codes();
        int[] b = p.drawCodes(new int[] {4}, 2, greedy, new Rng(2)).codes();
        assertThat(a).isEqualTo(b);
        List<int[]> written = p.writeCaptions(a, 2, new CodePrior.Sampling(1f, 0), new Rng(3));
        for (int[] w : written) {
            assertThat(w.length).isLessThanOrEqualTo(3);
            for (int id : w) {
                assertThat(id).isGreaterThan(Vocabulary.EOS_ID).isLessThan(7);
            }
        }
    }

    @Test
    void aCaptionsLikelihoodAfterItsCodesIsWhatThePictureOrderLossScoresIt() {
        CodePrior p = tiny(9);
        Rng rng = new Rng(10);
        List<int[]> captions = List.of(new int[] {4, 6, 5}, new int[] {}, new int[] {6});
        int[] grids = grid(rng, 3, 5);
        double[] read = p.captionLogLikelihood(captions, grids);
        for (int i = 0; i < 3; i++) {
            int[] one = java.util.Arrays.copyOfRange(grids, i * CELLS, (i + 1) * CELLS);
            int tokens = captions.get(i).length + 1; // and the end token
            double meanNll = p.loss(p.batch(List.of(captions.get(i)), one, new boolean[] {true})).text().item();
            assertThat(-read[i]).as("pair %d", i).isCloseTo(meanNll * tokens, org.assertj.core.data.Offset.offset(1e-4 * tokens));
            assertThat(read[i]).isNegative();
        }
        // The same caption after other codes is read differently: the score depends on the picture.
        int[] other = grid(new Rng(11), 1, 5);
        double elsewhere = p.captionLogLikelihood(List.of(captions.get(0)), other)[0];
        assertThat(elsewhere).isNotEqualTo(read[0]);
    }

    /** log p(codes) before any caption is the codes' cross-entropy of a codes-first sequence with an empty caption. */
    @Test
    void codesLogLikelihoodIsTheImageLossOfACodesFirstSequence() {
        CodePrior p = tiny(13);
        int[] grids = grid(new Rng(12), 3, 5);
        double[] read = p.codesLogLikelihood(grids);
        for (int i = 0; i < 3; i++) {
            int[] one = java.util.Arrays.copyOfRange(grids, i * CELLS, (i + 1) * CELLS);
            double meanNll = p.loss(p.batch(List.of(new int[0]), one, new boolean[] {true})).image().item();
            assertThat(-read[i]).as("grid %d", i).isCloseTo(meanNll * CELLS, org.assertj.core.data.Offset.offset(1e-4 * CELLS));
        }
        assertThat(read[0]).isNotEqualTo(read[1]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.codesLogLikelihood(new int[CELLS + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CodePrior twoLevels(long seed) {
        return new CodePrior(new CodePrior.Config(7, 5, 3, 8, 2, 2, 0f, 2), new Rng(seed));
    }

    /** With two codes per cell, each level has its own ids: level 0's code k is V + k, level 1's V + K + k. */
    @Test
    void twoCodesPerCellAlternateLevelsWithTheirOwnIds() {
        CodePrior p = twoLevels(14);
        assertThat(p.config().cells()).isEqualTo(2 * CELLS);
        assertThat(p.config().textFirst()).isEqualTo(7 + 2 * 5);
        int[] g = grid(new Rng(15), 2, 5); // two pictures' worth of one-level codes: one picture of two levels
        CodePrior.Batch b = p.batch(List.of(new int[] {4}), g, new boolean[] {false});
        assertThat(b.ids()).hasSize(4 + 2 * CELLS);
        assertThat(b.ids()).startsWith(17, 4, Vocabulary.EOS_ID, Vocabulary.PAD_ID, Vocabulary.PAD_ID, 7 + g[0], 7 + 5 + g[1],
                7 + g[2], 7 + 5 + g[3]);
        assertThat(b.codeTargets()).containsExactly(g); // targets are codes of their own level, 0 … K−1
        CodePrior.Batch pictureFirst = p.batch(List.of(new int[] {4}), g, new boolean[] {true});
        assertThat(pictureFirst.ids()[0]).isEqualTo(18);
        assertThat(pictureFirst.ids()[1 + 2 * CELLS]).isEqualTo(4);
    }

    @Test
    void withTwoLevelsTheLossHasTheGradientOfFiniteDifferences() {
        CodePrior p = twoLevels(16);
        for (String name : List.of("tokens.weight", "positions.weight")) {
            float[] w = p.state().get(name).data();
            for (int i = 0; i < w.length; i++) {
                w[i] *= 50f;
            }
        }
        CodePrior.Batch b = p.batch(List.of(new int[] {4, 6}, new int[] {5}), grid(new Rng(17), 4, 5), new boolean[] {false, true});
        GradCheck.check(in -> p.loss(b).total(0.5f), p.parameters().toArray(new Tensor[0])).orThrow();
    }

    @Test
    void withTwoLevelsDrawnCodesHaveTheLikelihoodTheFullForwardGivesThem() {
        CodePrior p = twoLevels(18);
        int cells = p.config().cells();
        int[] caption = {6};
        CodePrior.Drawn drawn = p.drawCodes(caption, 2, new CodePrior.Sampling(1f, 0), new Rng(19));
        assertThat(drawn.codes()).hasSize(2 * cells);
        for (int i = 0; i < 2; i++) {
            int[] one = java.util.Arrays.copyOfRange(drawn.codes(), i * cells, (i + 1) * cells);
            double meanNll = p.loss(p.batch(List.of(caption), one, new boolean[] {false})).image().item();
            assertThat(-drawn.logLikelihood()[i]).as("picture %d", i).isCloseTo(meanNll * cells,
                    org.assertj.core.data.Offset.offset(1e-3 * cells));
            double[] read = p.codesLogLikelihood(one);
            assertThat(read).hasSize(1);
            assertThat(read[0]).isNegative();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.codesLogLikelihood(new int[CELLS]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** log p(codes | caption) is the codes' cross-entropy of a text-first sequence. */
    @Test
    void codesGivenACaptionAreScoredAsTheTextOrderLossScoresThem() {
        CodePrior p = tiny(20);
        List<int[]> captions = List.of(new int[] {4, 6}, new int[] {5});
        int[] grids = grid(new Rng(21), 2, 5);
        double[] read = p.codesGivenCaptionLogLikelihood(captions, grids);
        for (int i = 0; i < 2; i++) {
            int[] one = java.util.Arrays.copyOfRange(grids, i * CELLS, (i + 1) * CELLS);
            double meanNll = p.loss(p.batch(List.of(captions.get(i)), one, new boolean[] {false})).image().item();
            assertThat(-read[i]).as("pair %d", i).isCloseTo(meanNll * CELLS, org.assertj.core.data.Offset.offset(1e-4 * CELLS));
        }
        // The same codes after another caption score differently: the caption is read.
        assertThat(p.codesGivenCaptionLogLikelihood(List.of(captions.get(1)), java.util.Arrays.copyOfRange(grids, 0, CELLS))[0])
                .isNotEqualTo(read[0]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.codesGivenCaptionLogLikelihood(captions, new int[CELLS]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Captions are written in blocks of DRAW_BLOCK grids, whose caches stay small; each grid's greedy caption is its own. */
    @Test
    void captionsOfManyGridsAreWrittenInBlocksAsEachWouldBeAlone() {
        CodePrior p = tiny(22);
        int n = CodePrior.DRAW_BLOCK + 3;
        int[] grids = grid(new Rng(23), n, 5);
        CodePrior.Sampling greedy = new CodePrior.Sampling(0f, 0);
        List<int[]> all = p.writeCaptions(grids, n, greedy, new Rng(1));
        assertThat(all).hasSize(n);
        for (int i : new int[] {0, CodePrior.DRAW_BLOCK - 1, CodePrior.DRAW_BLOCK, n - 1}) {
            int[] one = java.util.Arrays.copyOfRange(grids, i * CELLS, (i + 1) * CELLS);
            assertThat(all.get(i)).as("grid %d", i).containsExactly(p.writeCaptions(one, 1, greedy, new Rng(1)).get(0));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.writeCaptions(new int[CELLS + 1], 1, greedy, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] drawnGrid(CodePrior p) {
        return p.drawCodes(new int[] {4}, 1, new CodePrior.Sampling(1f, 0), new Rng(2)).codes();
    }

    /** log p(code j = k | what comes before it) by the full forward, no cache: one scored position of a batch. */
    private static double logProbability(CodePrior p, int[] caption, int[] grid, boolean imageFirst, int j, int k) {
        CodePrior.Batch b = p.batch(List.of(caption), grid, new boolean[] {imageFirst});
        CodePrior.Batch one = new CodePrior.Batch(1, b.ids(), b.keep(), b.textPositions(), b.textTargets(),
                new int[] {b.codePositions()[j]}, new int[] {k});
        return -p.loss(one).image().item();
    }

    /**
     * Guided greedy drawing takes at each cell the code of highest u + s·(c − u), c the log-probabilities
     * after the caption and u those in picture order before any caption, both by the full forward; the
     * likelihood it reports stays the caption's own, log p(codes | caption). At s = 0 the caption is
     * not read at all; at s = 1 the draw is the unguided one.
     */
    @Test
    void guidedDrawsFollowTheFullForwardsCaptionedAndPlainLogits() {
        CodePrior p = tiny(24);
        for (String name : List.of("tokens.weight", "positions.weight")) { // at GPT-2's scale the codes barely move the logits
            float[] w = p.state().get(name).data();
            for (int i = 0; i < w.length; i++) {
                w[i] *= 50f;
            }
        }
        int[] caption = {4, 6};
        for (float s : new float[] {0f, 2.5f}) {
            CodePrior.Drawn drawn = p.drawCodes(caption, 1, new CodePrior.Sampling(0f, 0, s), new Rng(1));
            int[] g = drawn.codes();
            int[] probe = g.clone();
            for (int j = 0; j < CELLS; j++) {
                int best = -1;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 5; k++) {
                    probe[j] = k;
                    double c = logProbability(p, caption, probe, false, j, k);
                    double u = logProbability(p, caption, probe, true, j, k);
                    double score = u + s * (c - u);
                    if (score > bestScore) {
                        bestScore = score;
                        best = k;
                    }
                }
                probe[j] = g[j];
                assertThat(g[j]).as("guidance %s, cell %d", s, j).isEqualTo(best);
            }
            double meanNll = p.loss(p.batch(List.of(caption), g, new boolean[] {false})).image().item();
            assertThat(-drawn.logLikelihood()[0]).isCloseTo(meanNll * CELLS, org.assertj.core.data.Offset.offset(1e-3 * CELLS));
        }
        CodePrior.Sampling plain = new CodePrior.Sampling(0f, 0, 0f);
        assertThat(p.drawCodes(new int[] {5}, 1, plain, new Rng(1)).codes()).isEqualTo(p.drawCodes(caption, 1, plain, new Rng(1)).codes());
        assertThat(p.drawCodes(caption, 2, new CodePrior.Sampling(1f, 0, 1f), new Rng(3)).codes())
                .isEqualTo(p.drawCodes(caption, 2, new CodePrior.Sampling(1f, 0), new Rng(3)).codes());
        assertThat(p.drawCodes(caption, 1, new CodePrior.Sampling(0f, 0, 3f), new Rng(1)).codes())
                .isNotEqualTo(p.drawCodes(caption, 1, new CodePrior.Sampling(0f, 0, 1f), new Rng(1)).codes());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodePrior.Sampling(1f, 0, -1f))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CodePrior.Sampling(1f, 0, Float.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.writeCaptions(drawnGrid(p), 1, new CodePrior.Sampling(0f, 0, 2f), new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not to writing captions");
    }
    /** log p(token t at caption slot s | the order token and the caption's first s tokens), text order, by the full forward. */
    private static double textLogProbability(CodePrior p, int[] prefix, int t) {
        CodePrior.Batch b = p.batch(List.of(prefix), new int[CELLS], new boolean[] {false});
        CodePrior.Batch one = new CodePrior.Batch(1, b.ids(), b.keep(), new int[] {prefix.length}, new int[] {t},
                b.codePositions(), b.codeTargets());
        return -p.loss(one).text().item();
    }

    @Test
    void theEndOfACaptionHasTheProbabilityTheFullForwardGivesIt() {
        CodePrior p = tiny(31);
        List<int[]> captions = List.of(new int[0], new int[] {4}, new int[] {4, 6}, new int[] {6, 5, 4});
        double[] end = p.endLogProbability(captions);
        for (int i = 0; i < captions.size(); i++) {
            assertThat(end[i]).as("caption %d", i).isCloseTo(textLogProbability(p, captions.get(i), Vocabulary.EOS_ID),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(end[1]).isNotEqualTo(end[2]);
    }

    /**
     * Finishing a caption greedily writes, after the caption's own tokens, the most likely real token
     * by the full forward at each step until the most likely is the end, or the caption is as long as
     * the prior takes: the cache gives the full forward's text logits.
     */
    @Test
    void aFinishedCaptionBeginsWithTheCaptionAndFollowsTheFullForwardsLogits() {
        for (long seed = 40; seed < 46; seed++) {
            CodePrior p = tiny(seed);
            for (int[] caption : List.of(new int[0], new int[] {5}, new int[] {4, 6})) {
                List<int[]> finished = p.finishCaptions(caption, 2, new CodePrior.Sampling(0f, 0), new Rng(1), null);
                assertThat(finished).hasSize(2);
                assertThat(finished.get(1)).isEqualTo(finished.get(0));
                int[] f = finished.get(0);
                assertThat(java.util.Arrays.copyOf(f, caption.length)).isEqualTo(caption);
                assertThat(f.length).isLessThanOrEqualTo(p.config().maxTokens());
                for (int s = caption.length; s <= f.length && s < p.config().maxTokens(); s++) {
                    int[] prefix = java.util.Arrays.copyOf(f, s);
                    int best = Vocabulary.EOS_ID;
                    for (int t = Vocabulary.EOS_ID + 1; t < p.config().vocabulary(); t++) {
                        if (textLogProbability(p, prefix, t) > textLogProbability(p, prefix, best)) {
                            best = t;
                        }
                    }
                    assertThat(s < f.length ? f[s] : Vocabulary.EOS_ID).as("seed %d, slot %d of %s", seed, s,
                            java.util.Arrays.toString(f)).isEqualTo(best);
                }
            }
            List<int[]> drawn = p.finishCaptions(new int[] {4}, 50, new CodePrior.Sampling(1f, 0), new Rng(seed), null);
            for (int[] f : drawn) {
                assertThat(f).startsWith(4);
                assertThat(java.util.Arrays.stream(f).min().orElse(Integer.MAX_VALUE)).isGreaterThan(Vocabulary.EOS_ID);
            }
        }
    }
}
