package vaelab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vaelab.data.scenes.Captioner;
import vaelab.data.scenes.Language;
import vaelab.data.scenes.SceneKeywords;
import vaelab.report.Json;

/** {@code vaelab keywords}: what a sentence says about a scene, in English or Chinese. */
@Command(name = "keywords", mixinStandardHelpOptions = true,
        description = {"Print the scene attributes and the mood a sentence names, the words it did not know, and the caption a scene"
                + " model reads it as.",
                "Example: vaelab keywords --text \"这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物\""})
final class KeywordsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The sentence, in English or Chinese.")
    String text;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (text.isBlank()) {
            throw new UserException("--text is empty; give a sentence such as \"a sunny meadow with flowers\"");
        }
        SceneKeywords.Result r = SceneKeywords.extract(text);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("keywords", r.keywords());
            o.put("attributes", r.attributes());
            o.put("unknown_words", r.unknownWords());
            o.put("read_as", Captioner.plain(r, Language.of(text)));
            out.println(Json.write(o));
            return 0;
        }
        out.println(r.empty() ? "no scene attributes or mood found" : describe(r));
        if (!r.keywords().isEmpty()) {
            out.println("matched: " + String.join(", ", r.keywords()));
        }
        out.println("unknown words: " + (r.unknownWords().isEmpty() ? "none" : String.join(", ", r.unknownWords())));
        if (!r.empty()) {
            out.println("a scene model reads it as: " + Captioner.plain(r, Language.of(text)));
        }
        return 0;
    }

    /** "land: mountains (snow-capped), water: clear, animals: a group, mood: positive". */
    static String describe(SceneKeywords.Result r) {
        List<String> parts = new ArrayList<>();
        if (r.sky() != null) {
            parts.add("sky: " + r.sky().name().toLowerCase());
        }
        if (r.land() != null) {
            parts.add("land: " + r.land().name().toLowerCase() + (r.snow() ? " (snow-capped)" : ""));
        }
        if (r.water() != null) {
            parts.add("water: " + r.water().name().toLowerCase());
        }
        if (r.plants() != null) {
            parts.add("plants: " + r.plants().name().toLowerCase().replace('_', ' '));
        }
        if (r.animals() != null) {
            parts.add("animals: " + switch (r.animals()) {
                case GROUP -> "a group";
                case FEW -> "a few";
                case NONE -> "none";
            });
        }
        if (r.positive() != null) {
            parts.add("mood: " + (r.positive() ? "positive" : "negative"));
        }
        return String.join(", ", parts);
    }
}
