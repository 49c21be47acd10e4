package vaelab.data.scenes;

import java.util.ArrayList;
import java.util.List;
import vaelab.tensor.Rng;

/**
 * Writes a caption of a scene in English or Chinese, each time differently: phrases drawn from
 * synonyms, the things named in a random order, mood words only when they agree with the scene's
 * sentiment, and some attributes left out (a caption names at least two things). For example:
 * <pre>
 * a positive, uplifting scene with beautiful mountains, a clear river and a group of wild animals
 * 这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物
 * </pre>
 */
public final class Captioner {
    /** The chance that an attribute with something to show is named. */
    static final float MENTION = 0.8f;
    /** The chance that a caption carries mood words. */
    static final float MOOD = 0.6f;

    private Captioner() {
    }

    public static String caption(Scene s, Language lang, Rng rng) {
        List<String> things = new ArrayList<>();
        List<String> all = new ArrayList<>();
        String land = pickLand(s, lang, rng);
        addMaybe(things, all, land, rng);
        if (s.water() != Scene.Water.NONE) {
            addMaybe(things, all, pick(Phrasebook.WATER.get(s.water()), lang, rng), rng);
        }
        if (s.plants() != Scene.Plants.NONE) {
            addMaybe(things, all, pick(Phrasebook.PLANTS.get(s.plants()), lang, rng), rng);
        }
        if (s.animals() != Scene.Animals.NONE) {
            addMaybe(things, all, pick(Phrasebook.ANIMALS.get(s.animals()), lang, rng), rng);
        }
        String sky = rng.nextFloat() < MENTION ? pick(Phrasebook.SKY.get(s.sky()), lang, rng) : null;
        // At least two things: put back what was left out, in order, until there are.
        for (int i = 0; things.size() + (sky != null ? 1 : 0) < 2 && i < all.size(); i++) {
            if (!things.contains(all.get(i))) {
                things.add(all.get(i));
            }
        }
        if (sky == null && things.size() < 2) {
            sky = pick(Phrasebook.SKY.get(s.sky()), lang, rng);
        }
        shuffle(things, rng);
        boolean mood = rng.nextFloat() < MOOD;
        boolean positive = s.positive();
        if (mood && things.contains(land) && rng.nextInt(2) == 0) {
            // The mood adjective goes on the land ("beautiful mountains", 美丽的山峰), where it reads naturally.
            Phrasebook.Phrases adjectives = positive ? Phrasebook.POSITIVE_ADJECTIVES : Phrasebook.NEGATIVE_ADJECTIVES;
            things.set(things.indexOf(land), withAdjective(pick(adjectives, lang, rng), land, lang));
        }
        Phrasebook.Phrases openers = !mood ? Phrasebook.NEUTRAL_OPENERS
                : positive ? Phrasebook.POSITIVE_OPENERS : Phrasebook.NEGATIVE_OPENERS;
        String opener = pick(openers, lang, rng);
        for (int i = 0; i < things.size(); i++) {
            // No word twice ("a bleak landscape with a bleak meadow"): drop the adjective instead.
            for (String adjective : (positive ? Phrasebook.POSITIVE_ADJECTIVES : Phrasebook.NEGATIVE_ADJECTIVES).in(lang)) {
                String bare = adjective.endsWith("的") ? adjective.substring(0, adjective.length() - 1) : adjective;
                if (opener.contains(bare) && things.get(i).contains(adjective)) {
                    things.set(i, land);
                }
            }
        }
        if (things.isEmpty()) {
            return lang == Language.ENGLISH ? opener + " " + sky : opener + sky;
        }
        boolean skyInList = sky != null && rng.nextInt(2) == 0;
        if (skyInList) {
            things.add(rng.nextInt(things.size() + 1), sky);
        }
        String list = join(things, lang);
        String tail = sky != null && !skyInList ? skyTail(sky, lang, rng) : "";
        return lang == Language.ENGLISH ? opener + " " + list + tail : opener + list + tail;
    }

    /**
     * The caption naming just what {@code named} names, in this generator's first phrasing of each, in
     * a fixed order: "a positive, uplifting scene with a meadow and flowers under a sunny sky". A
     * sentence read this way reaches a model in the words it was trained on, whatever words it came in
     * ("flowers everywhere on a bright sunny meadow"); reading it back gives {@code named} again, but for
     * things named as not there ("no trees"), which captions never mention. A mood alone gives its
     * opener without a list ("a positive, uplifting scene"), a phrase no caption ends with but whose
     * words are all the model's; things that are not there alone give "a scene".
     *
     * @return the caption, or null when {@code named} names nothing
     */
    public static String plain(SceneKeywords.Result named, Language lang) {
        if (named.empty()) {
            return null;
        }
        List<String> things = new ArrayList<>();
        if (named.snow()) {
            things.add(first(Phrasebook.SNOWY_MOUNTAINS, lang));
        } else if (named.land() != null) {
            things.add(first(Phrasebook.LAND.get(named.land()), lang));
        }
        if (named.water() != null && named.water() != Scene.Water.NONE) {
            things.add(first(Phrasebook.WATER.get(named.water()), lang));
        }
        if (named.plants() != null && named.plants() != Scene.Plants.NONE) {
            things.add(first(Phrasebook.PLANTS.get(named.plants()), lang));
        }
        if (named.animals() != null && named.animals() != Scene.Animals.NONE) {
            things.add(first(Phrasebook.ANIMALS.get(named.animals()), lang));
        }
        String opener = first(named.positive() == null ? Phrasebook.NEUTRAL_OPENERS
                : named.positive() ? Phrasebook.POSITIVE_OPENERS : Phrasebook.NEGATIVE_OPENERS, lang);
        String sky = named.sky() == null ? null : first(Phrasebook.SKY.get(named.sky()), lang);
        boolean english = lang == Language.ENGLISH;
        if (things.isEmpty() && sky == null) {
            // Only a mood, or only things that are not there ("no animals"): the opener without a list.
            return english ? opener.substring(0, opener.lastIndexOf(' ')) : opener.substring(0, opener.lastIndexOf('，'));
        }
        if (things.isEmpty()) {
            return english ? opener + " " + sky : opener + sky;
        }
        String tail = sky == null ? "" : english ? " under " + sky : "，天上是" + sky;
        return (english ? opener + " " : opener) + join(things, lang) + tail;
    }

    private static String first(Phrasebook.Phrases p, Language lang) {
        return p.in(lang).get(0);
    }

    private static String skyTail(String sky, Language lang, Rng rng) {
        if (lang == Language.ENGLISH) {
            return (rng.nextInt(2) == 0 ? " under " : ", and ") + sky;
        }
        return rng.nextInt(2) == 0 ? "，天上是" + sky : "，还有" + sky;
    }

    private static void addMaybe(List<String> things, List<String> all, String phrase, Rng rng) {
        all.add(phrase);
        if (rng.nextFloat() < MENTION) {
            things.add(phrase);
        }
    }

    private static String pickLand(Scene s, Language lang, Rng rng) {
        if (s.snow() && rng.nextFloat() < 0.8f) {
            return pick(Phrasebook.SNOWY_MOUNTAINS, lang, rng);
        }
        return pick(Phrasebook.LAND.get(s.land()), lang, rng);
    }

    private static String pick(Phrasebook.Phrases p, Language lang, Rng rng) {
        List<String> options = p.in(lang);
        return options.get(rng.nextInt(options.size()));
    }

    /** "beautiful" + "a meadow" → "a beautiful meadow"; 美丽的 + 草地 → 美丽的草地. */
    static String withAdjective(String adjective, String thing, Language lang) {
        if (lang == Language.CHINESE) {
            return thing.startsWith(adjective) ? thing : adjective + thing;
        }
        for (String article : new String[] {"a ", "an ", "the "}) {
            if (thing.startsWith(article)) {
                String rest = thing.substring(article.length());
                String a = "aeiou".indexOf(adjective.charAt(0)) >= 0 ? "an " : "a ";
                return (article.equals("the ") ? "the " : a) + adjective + " " + rest;
            }
        }
        return adjective + " " + thing;
    }

    /** "A, B and C" in English; "A、B和C" in Chinese. */
    static String join(List<String> parts, Language lang) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        String sep = lang == Language.ENGLISH ? ", " : "、";
        String and = lang == Language.ENGLISH ? " and " : "和";
        return String.join(sep, parts.subList(0, parts.size() - 1)) + and + parts.get(parts.size() - 1);
    }

    private static void shuffle(List<String> list, Rng rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
