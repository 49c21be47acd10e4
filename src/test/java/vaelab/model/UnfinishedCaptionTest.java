package vaelab.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vaelab.api.TextImageModel;
import vaelab.data.scenes.ScenesDataset;
import vaelab.tensor.Rng;

/**
 * The shipped discrete model finishes a caption none of its training captions ends like (they name
 * two things or more) before it draws, and leaves every caption of the kind it learnt from alone.
 */
class UnfinishedCaptionTest {
    private static DiscreteModel model;

    @BeforeAll
    static void load() throws Exception {
        model = DiscreteModel.read(Path.of("data/models/scenes-discrete.vae"));
    }

    @Test
    void aCaptionOfOneThingIsFinishedAndTheTestCaptionsAreNot() throws Exception {
        for (String one : List.of("a scene with flowers", "a positive, uplifting scene with a desert", "a scene with a few animals",
                "这是一个场景，有鲜花", "")) {
            assertThat(model.finishesCaption(one)).as(one).isTrue();
        }
        ScenesDataset test = ScenesDataset.generate(ScenesDataset.Split.TEST, 300);
        List<int[]> captions = new ArrayList<>();
        for (int i = 0; i < test.count(); i++) {
            captions.add(model.encode(test.caption(i)).ids());
        }
        double[] end = model.prior().endLogProbability(captions);
        for (int i = 0; i < end.length; i++) {
            assertThat(end[i]).as("test caption %d: %s", i, test.caption(i)).isGreaterThan(Math.log(DiscreteModel.UNFINISHED));
        }
        assertThat(TextImageModel.load(Path.of("data/models/scenes.vae")).network().finishesCaption("a scene with flowers")).isFalse();
    }

    @Test
    void eachPictureOfAnUnfinishedCaptionIsDrawnAfterItsOwnEndingInTheCaptionsLanguage() {
        String text = "这是一个场景，有鲜花";
        int[] ids = model.encode(text).ids();
        List<int[]> each = model.drawnAfter(List.of(text), 12, new Rng(5));
        assertThat(each).hasSize(12);
        CaptionLanguage language = CaptionLanguage.of(model.vocabulary());
        for (int[] c : each) {
            assertThat(c).startsWith(ids);
            assertThat(c.length).isGreaterThan(ids.length);
            for (int id : c) {
                assertThat(language.languageOf(id)).as(model.vocabulary().token(id)).isNotEqualTo(vaelab.data.scenes.Language.ENGLISH);
            }
        }
        assertThat(each.stream().map(java.util.Arrays::toString).distinct().count()).as("endings drawn, not one").isGreaterThan(1);
    }

    @Test
    void aCaptionOfTheKindItLearntFromIsDrawnAfterAsItIsWithoutARandomNumber() {
        String text = "a positive, uplifting scene with a meadow and flowers under a sunny sky";
        Rng rng = new Rng(9);
        List<int[]> each = model.drawnAfter(List.of(text), 5, rng);
        assertThat(each).hasSize(5).allSatisfy(c -> assertThat(c).isEqualTo(model.encode(text).ids()));
        assertThat(rng.nextLong()).isEqualTo(new Rng(9).nextLong());
    }

    /** Before the model finished such captions it drew flowers in 6 of 16 pictures of "flowers" (DISCRETE.md). */
    @Test
    void picturesOfFlowersAloneShowFlowers() throws Exception {
        TextImageModel m = TextImageModel.load(Path.of("data/models/scenes-discrete.vae"));
        TextImageModel.Generation g = m.generate("flowers", 16, 1);
        assertThat(g.finished()).isTrue();
        long flowers = g.images().stream().filter(p -> p.judged().plants().equals("flowers")).count();
        assertThat(flowers).isGreaterThanOrEqualTo(10);
    }
}
