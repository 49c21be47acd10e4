package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vaelab.autograd.GradCheck;
import vaelab.autograd.Reductions;
import vaelab.data.CaptionedImages;
import vaelab.data.scenes.ScenesDataset;
import vaelab.model.VariationalAutoencoder.Posterior;
import vaelab.optim.Adam;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;
import vaelab.testing.TinySceneModel;
import vaelab.text.TokenBatch;
import vaelab.text.Vocabulary;

class CrossModalVaeTest {
    @Test
    void productOfExpertsIsThePrecisionWeightedGaussian() {
        // Experts N(1, 1) and N(3, 1/4) with the prior N(0, 1): precision 1 + 1 + 4 = 6, mean (1 + 12) / 6.
        Posterior a = new Posterior(Tensor.of(new float[] {1f}, 1, 1), Tensor.of(new float[] {0f}, 1, 1));
        Posterior b = new Posterior(Tensor.of(new float[] {3f}, 1, 1), Tensor.of(new float[] {(float) Math.log(0.25)}, 1, 1));
        Posterior p = ProductOfExperts.of(1, 1, a, b);
        assertThat(p.mu().item()).isCloseTo(13f / 6f, within(1e-6f));
        assertThat(p.logvar().item()).isCloseTo((float) -Math.log(6), within(1e-6f));
        Posterior prior = ProductOfExperts.of(2, 3);
        for (int i = 0; i < 6; i++) {
            assertThat(prior.mu().data()[i] == 0f && prior.logvar().data()[i] == 0f).isTrue();
        }
    }

    @Test
    void productOfExpertsGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(1);
        Tensor[] in = {Tensor.randn(rng, 2, 3), Tensor.randn(rng, 2, 3), Tensor.randn(rng, 2, 3), Tensor.randn(rng, 2, 3)};
        for (Tensor t : in) {
            t.requiresGrad(true);
        }
        GradCheck.check(x -> {
            Posterior p = ProductOfExperts.of(2, 3, new Posterior(x[0], x[1]), new Posterior(x[2], x[3]));
            return Reductions.sum(vaelab.autograd.Arithmetic.add(p.mu(), vaelab.autograd.Arithmetic.mul(p.logvar(), p.mu())));
        }, in).orThrow();
    }

    @Test
    void gaussianKlIsExactAndItsGradientMatchesFiniteDifferences() {
        // KL(N(1, 1) ‖ N(0, 4)) = ½ (log 4 − 0 + (1 + 1) / 4 − 1) = ½ (log 4 − 0.5).
        Posterior p = new Posterior(Tensor.of(new float[] {1f}, 1, 1), Tensor.of(new float[] {0f}, 1, 1));
        Posterior q = new Posterior(Tensor.of(new float[] {0f}, 1, 1), Tensor.of(new float[] {(float) Math.log(4)}, 1, 1));
        assertThat(CrossModalVae.gaussianKl(p, q).item()).isCloseTo((float) (0.5 * (Math.log(4) - 0.5)), within(1e-6f));
        assertThat(CrossModalVae.gaussianKl(p, p).item()).isCloseTo(0f, within(1e-7f));
        Rng rng = new Rng(8);
        Tensor[] in = {Tensor.randn(rng, 2, 3), Tensor.randn(rng, 2, 3), Tensor.randn(rng, 2, 3), Tensor.randn(rng, 2, 3)};
        for (Tensor t : in) {
            t.requiresGrad(true);
        }
        GradCheck.check(x -> CrossModalVae.gaussianKl(new Posterior(x[0], x[1]), new Posterior(x[2], x[3])), in).orThrow();
    }

    @Test
    void theReadBackTermTeachesTheImageDecoderAlone() {
        CaptionedImages data = TinySceneModel.scenes(ScenesDataset.Split.TRAIN, 6);
        CrossModalModel plain = TinySceneModel.untrained(data, 4, 1);
        CrossModalVae without = plain.vae();
        CrossModalVae with = new CrossModalVae(without.config(), without.weights().withCycle(3f), new Rng(99));
        with.loadState(without.state());
        TokenBatch text = plain.encodeTexts(data.captions());
        int[] all = java.util.stream.IntStream.range(0, 6).toArray();
        for (CrossModalVae vae : List.of(without, with)) {
            vae.train();
            vae.zeroGrad();
            CrossModalVae.Loss loss = vae.loss(data.images(all), text, 1f, new Rng(5));
            assertThat(loss.cycle() == null).isEqualTo(vae == without);
            vae.backward(loss);
        }
        java.util.Map<String, Tensor> a = without.namedParameters();
        java.util.Map<String, Tensor> b = with.namedParameters();
        int decoderTensors = 0;
        for (String name : a.keySet()) {
            if (name.startsWith("image_decoder.")) {
                decoderTensors++;
                assertThat(b.get(name).grad()).as(name).isNotEqualTo(a.get(name).grad());
            } else {
                // The readers (image expert, text decoder, embedding) and the text expert learn exactly as before.
                assertThat(b.get(name).grad()).as(name).containsExactly(a.get(name).grad());
            }
        }
        assertThat(decoderTensors).isEqualTo(8);

        // A second batch before the step: the readers' gradients from the first are kept, not zeroed.
        float[] first = b.get("image_expert.conv1.weight").grad().clone();
        with.backward(with.loss(data.images(all), text, 1f, new Rng(5)));
        float[] twice = b.get("image_expert.conv1.weight").grad();
        for (int i = 0; i < first.length; i++) {
            assertThat(twice[i]).isCloseTo(2 * first[i], within(1e-4f * Math.max(1f, Math.abs(first[i]))));
        }
    }

    @Test
    void theReadBackGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(8);
        CrossModalVae vae = new CrossModalVae(new CrossModalVae.Config(3, 2, 9, 4, 5, 6, 0.1f), new CrossModalVae.Weights(1f, 0f, 1f), rng);
        TokenBatch text = TokenBatch.of(List.of(new int[] {4, 5, 8}, new int[] {6}));
        Tensor z = Tensor.randn(rng, 2, 2).requiresGrad(true);
        List<Tensor> inputs = new java.util.ArrayList<>(List.of(z));
        vae.namedParameters().forEach((name, t) -> {
            if (name.equals("image_decoder.deconv3.bias") || name.equals("image_decoder.fc.weight")) {
                inputs.add(t);
            }
        });
        GradCheck.check(x -> vae.readBack(z, text), inputs.toArray(new Tensor[0])).orThrow();
        assertThatThrownBy(() -> new CrossModalVae(new CrossModalVae.Config(3, 2, 9, 4, 5, 6, 0.1f).withPixelComponents(2),
                new CrossModalVae.Weights(1f, 0f, 1f), new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not support a pixel mixture");
    }

    @Test
    void decodingNeverRepeatsATrigram() {
        List<Integer> written = new java.util.ArrayList<>(List.of(5, 6, 7, 5, 6));
        float[] logits = new float[10];
        CaptionDecoder.blockRepeats(written, logits, 0);
        assertThat(logits[7]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[8]).isZero();
    }

    @Test
    void textLikelihoodGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(2);
        CrossModalVae vae = new CrossModalVae(new CrossModalVae.Config(3, 3, 9, 4, 5, 6, 0f), new CrossModalVae.Weights(1f, 0f, 0f), rng);
        TokenBatch text = TokenBatch.of(List.of(new int[] {4, 5, 8}, new int[] {6}));
        Tensor z = Tensor.randn(rng, 2, 3).requiresGrad(true);
        List<Tensor> inputs = new java.util.ArrayList<>(List.of(z));
        inputs.addAll(vae.parameters().stream().filter(p -> p.size() < 400 && p.rank() <= 2).toList());
        GradCheck.check(x -> Reductions.sum(vae.textNll(z, text)), inputs.toArray(new Tensor[0])).orThrow();
    }

    @Test
    void paddingDoesNotChangeATextsLikelihood() {
        Rng rng = new Rng(3);
        CrossModalVae vae = new CrossModalVae(new CrossModalVae.Config(3, 3, 9, 4, 5, 6, 0f), new CrossModalVae.Weights(1f, 0f, 0f), rng);
        Tensor z = Tensor.randn(rng, 1, 3);
        float alone = vae.textNll(z, TokenBatch.of(List.of(new int[] {4, 5}))).item();
        Tensor z2 = Tensor.of(new float[] {z.data()[0], z.data()[1], z.data()[2], 0, 0, 0}, 2, 3);
        float padded = vae.textNll(z2, TokenBatch.of(List.of(new int[] {4, 5}, new int[] {4, 5, 6, 7, 8}))).data()[0];
        assertThat(padded).isCloseTo(alone, within(1e-5f));
    }

    @Test
    void trainingLowersTheLossOnAFewScenes() {
        CaptionedImages data = TinySceneModel.scenes(ScenesDataset.Split.TRAIN, 16);
        CrossModalModel m = TinySceneModel.untrained(data, 4, 1);
        CrossModalVae vae = m.vae();
        vae.train();
        Adam adam = new Adam(vae.parameters(), 3e-3f);
        TokenBatch text = m.encodeTexts(data.captions());
        int[] all = java.util.stream.IntStream.range(0, 16).toArray();
        Rng rng = new Rng(4);
        double[] total = new double[40];
        double[] textNll = new double[40];
        for (int step = 0; step < 40; step++) {
            adam.zeroGrad();
            CrossModalVae.Loss loss = vae.loss(data.images(all), text, 1f, rng);
            loss.total().backward();
            adam.step();
            total[step] = loss.total().item();
            textNll[step] = loss.textNll();
            assertThat(loss.imageNll()).isPositive();
            assertThat(loss.textNll()).isPositive();
            assertThat(loss.klJoint()).isGreaterThanOrEqualTo(0);
        }
        // The image term has a floor (the entropy of continuous intensities), so compare averages of
        // the first and last five steps rather than ask for a fixed fraction of the total.
        assertThat(mean(total, 35, 40)).isLessThan(mean(total, 0, 5));
        assertThat(mean(textNll, 35, 40)).isLessThan(0.9 * mean(textNll, 0, 5));
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    @Test
    void captionsEndAndUseOnlyRealTokens() {
        CaptionedImages data = TinySceneModel.scenes(ScenesDataset.Split.TRAIN, 8);
        CrossModalModel m = TinySceneModel.untrained(data, 4, 5);
        Tensor z = Tensor.randn(new Rng(6), 5, 4);
        for (float temperature : new float[] {0f, 1f, 5f}) {
            List<int[]> caps = m.vae().writeCaptions(z, temperature, new Rng(7));
            assertThat(caps).hasSize(5);
            for (int[] c : caps) {
                assertThat(c.length).isLessThanOrEqualTo(m.vae().config().maxTokens());
                for (int id : c) {
                    assertThat(id).isGreaterThan(Vocabulary.EOS_ID).isLessThan(m.vocabulary().size());
                }
            }
        }
        // Greedy decoding is deterministic.
        assertThat(m.captions(z, 0f, new Rng(1))).isEqualTo(m.captions(z, 0f, new Rng(2)));
    }

    /** The parts' names, and the flat names of files written before the model was carved into parts. */
    @Test
    void tensorNamesOfTheFlatModelMapToThePartsNames() {
        CrossModalVae v = new CrossModalVae(new CrossModalVae.Config(3, 4, 10, 6, 8, 5, 0.1f, 1, 1), CrossModalVae.Weights.DEFAULT, new Rng(1));
        java.util.Map<String, Tensor> state = v.state();
        assertThat(state.keySet()).startsWith("image_expert.conv1.weight")
                .contains("image_decoder.deconv3.bias", "embedding.weight", "text_expert.mu.weight", "caption_decoder.out.weight");
        assertThat(CrossModalVae.withCurrentNames(state)).isEqualTo(state);
        java.util.Map<String, Tensor> flat = new java.util.LinkedHashMap<>();
        flat.put("image_enc1.weight", Tensor.zeros(1));
        flat.put("image_dec_fc.bias", Tensor.zeros(1));
        flat.put("text_dec.cell.x.weight", Tensor.zeros(1));
        flat.put("text_dec_init.weight", Tensor.zeros(1));
        flat.put("embedding.weight", Tensor.zeros(1));
        assertThat(CrossModalVae.withCurrentNames(flat).keySet()).containsExactly("image_expert.conv1.weight", "image_decoder.fc.bias",
                "caption_decoder.gru.cell.x.weight", "caption_decoder.init.weight", "embedding.weight");
    }
}
