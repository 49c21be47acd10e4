package vaelab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vaelab.api.TextImageModel;

/** Text → picture: what a sentence was read as, the pictures each scene model draws, their sentiment and captions. */
final class TextPage {
    static final int MAX_TEXT = 2000;
    static final int MAX_PICTURES = 8;

    /** A scene model with the name the page shows. */
    record Named(String name, TextImageModel model) {
    }

    private final List<Named> models;

    TextPage(List<Named> models) {
        this.models = List.copyOf(models);
    }

    List<String> names() {
        return models.stream().map(Named::name).toList();
    }

    /**
     * Draws once from every model so that the JIT has compiled the drawing paths before a student's
     * first sentence (cold, the first answer took 1.4 s, after one warm-up draw 1.1 s; warm, 0.8 s).
     */
    void warmUp() {
        for (int round = 0; round < 3; round++) {
            for (Named m : models) {
                m.model().generate("a sunny meadow with a clear river", 4, round);
            }
        }
    }

    Object generate(JsonRequest r) {
        String text = r.text("text", MAX_TEXT);
        int n = r.integer("n", 1, MAX_PICTURES, 4);
        long seed = r.seed("seed", 1);
        // The discrete model's guidance scale (CodePrior.Sampling); the Gaussian model has none.
        float guidance = (float) r.real("guidance", 0, 100, (double) vaelab.model.DiscreteModel.DEFAULT_GUIDANCE);
        if (models.isEmpty()) {
            throw new LabException(503, "no scene model was loaded (start the lab from the repository, or pass --model)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", text);
        out.put("textSentiment", sentiment(TextImageModel.sentiment(text)));
        List<Object> answers = new ArrayList<>();
        for (Named m : models) {
            long start = System.nanoTime();
            TextImageModel model = "discrete".equals(m.model().kind()) ? m.model().withGuidance(guidance) : m.model();
            TextImageModel.Generation g = model.generate(text, n, seed);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("model", m.name());
            a.put("kind", m.model().kind());
            a.put("guidance", model.guidance());
            a.put("keywords", g.keywords());
            a.put("unknownWords", g.unknownWords());
            a.put("readAs", g.readAs());
            a.put("fromPrior", g.fromPrior());
            a.put("finished", g.finished());
            a.put("droppedTokens", g.droppedTokens());
            a.put("sentiment", g.sentiment() == null ? null : sentiment(g.sentiment()));
            List<Object> pictures = new ArrayList<>();
            for (TextImageModel.Picture p : g.images()) {
                Map<String, Object> pic = new LinkedHashMap<>();
                pic.put("png", PngData.of(p.pixels(), 0, 3, TextImageModel.SIDE, TextImageModel.SIDE));
                pic.put("caption", p.caption());
                pic.put("sentiment", p.sentiment() == null ? null : sentiment(p.sentiment()));
                pictures.add(pic);
            }
            a.put("pictures", pictures);
            a.put("milliseconds", Math.round((System.nanoTime() - start) / 1e6));
            answers.add(a);
        }
        out.put("models", answers);
        return out;
    }

    private static Map<String, Object> sentiment(TextImageModel.Sentiment s) {
        return Map.of("label", s.label(), "probabilityPositive", s.probability());
    }
}
