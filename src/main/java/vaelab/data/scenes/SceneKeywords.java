package vaelab.data.scenes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vaelab.text.Tokenizer;

/**
 * Reads the scene attributes and the mood that a sentence names, in English or Chinese: the same
 * result for 这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物 and for "a positive, uplifting
 * scene with beautiful mountains, a clear river and a group of wild animals".
 *
 * <p>Nouns name what is there (river, 河流; trees, 树); qualifiers just before them in the same clause
 * say which kind (muddy river, 浑浊的河流; bare trees, 枯树; a group of animals, 一群动物). A noun
 * without a qualifier takes the common kind (clear water, green trees, a few animals). Words that
 * describe a sky ("bright", "dark") are not read as mood. Words that are neither cues nor common
 * function words are reported as unknown.
 */
public final class SceneKeywords {
    /**
     * What a sentence says; null where it says nothing about an attribute, NONE where it says the thing
     * is not there ("no trees").
     */
    public record Result(Scene.Sky sky, Scene.Land land, boolean snow, Scene.Water water, Scene.Plants plants,
                         Scene.Animals animals, Boolean positive, List<String> keywords, List<String> unknownWords) {
        /** Whether any attribute or mood was found. */
        public boolean empty() {
            return sky == null && land == null && !snow && water == null && plants == null && animals == null && positive == null;
        }

        public Map<String, Object> attributes() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sky", name(sky));
            m.put("land", name(land));
            m.put("snow", snow);
            m.put("water", name(water));
            m.put("plants", name(plants));
            m.put("animals", name(animals));
            m.put("mood", positive == null ? null : positive ? "positive" : "negative");
            return m;
        }

        private static String name(Enum<?> e) {
            return e == null ? null : e.name().toLowerCase();
        }
    }

    private static final Map<String, Scene.Sky> SKY = new HashMap<>();
    private static final Map<String, Scene.Land> LAND = new HashMap<>();
    /** "Sky" names no weather by itself; the word before it may: "a clear blue sky", "a grey sky". */
    private static final Set<String> SKY_NOUNS = Set.of("sky", "skies", "天空");
    private static final Set<String> FAIR_SKY = Set.of("blue", "clear", "bright", "cloudless", "蓝色");
    private static final Set<String> GREY_SKY = Set.of("grey", "gray", "灰色");
    private static final Set<String> SETTING = Set.of("setting", "sinking", "evening", "low");
    private static final Set<String> SNOW = Set.of("snow", "snowy", "snow-capped", "snowcapped", "雪山", "白雪", "积雪", "雪");
    private static final Set<String> WATER_NOUNS = Set.of("river", "rivers", "lake", "lakes", "stream", "streams", "water",
            "pond", "ponds", "creek", "brook", "sea", "ocean", "pool", "waterfall", "swamp", "marsh", "河流", "湖泊", "湖水", "溪水",
            "小溪", "河水", "河", "湖", "溪", "水", "脏水", "池塘", "瀑布", "海", "大海", "沼泽");
    private static final Set<String> CLEAR = Set.of("clear", "clean", "blue", "crystal", "sparkling", "清澈", "蓝色", "干净", "碧绿");
    // A swamp is water and muddy at once, as 脏水 is.
    private static final Set<String> MUDDY = Set.of("muddy", "brown", "dirty", "murky", "polluted", "swamp", "marsh", "浑浊", "泥泞",
            "脏", "脏水", "沼泽");
    private static final Set<String> TREES = Set.of("tree", "trees", "forest", "forests", "woods", "woodland", "jungle", "grove",
            "pine", "pines", "oak", "oaks", "palm", "palms", "树", "树木", "绿树", "枯树", "森林", "树林", "丛林", "松树");
    private static final Set<String> BARE = Set.of("bare", "leafless", "dead", "withered", "光秃秃", "枯", "枯树", "没有", "叶子");
    private static final Set<String> FLOWERS = Set.of("flower", "flowers", "wildflowers", "blossoms", "blossom", "blooms", "roses",
            "tulips", "daisies", "garden", "gardens", "鲜花", "野花", "花朵", "花", "花园", "花海", "玫瑰");
    private static final Set<String> ANIMAL_NOUNS = Set.of("animal", "animals", "wildlife", "creatures", "deer", "horse", "horses",
            "cow", "cows", "cattle", "sheep", "goat", "goats", "wolf", "wolves", "bear", "bears", "fox", "foxes", "rabbit", "rabbits",
            "bird", "birds", "elephant", "elephants", "lion", "lions", "zebra", "zebras", "giraffe", "giraffes", "camel", "camels",
            "buffalo", "bison", "antelope", "antelopes", "dog", "dogs", "duck", "ducks",
            "动物", "野生动物", "牛", "羊", "马", "鹿", "狼", "熊", "鸟", "小鸟", "大象", "狮子", "骆驼", "兔子", "狐狸");
    private static final Set<String> GROUP = Set.of("group", "herd", "herds", "many", "flock", "flocks", "lots", "crowd", "pack",
            "numerous", "dozens", "hundreds", "countless", "一群", "很多", "许多", "群", "成群", "无数");
    private static final Set<String> FEW = Set.of("few", "some", "couple", "several", "two", "three", "one", "pair", "lone", "single",
            "几只", "一些", "两三只", "几", "一只", "两只", "三只");
    private static final Set<String> POSITIVE = Set.of("positive", "uplifting", "beautiful", "peaceful", "lovely", "cheerful",
            "happy", "pleasant", "joyful", "serene", "tranquil", "calm", "wonderful", "gorgeous", "idyllic", "charming", "delightful",
            "nice", "good", "great", "pretty", "stunning", "amazing",
            "积极向上", "积极", "向上", "美丽", "宁静", "美好", "可爱", "快乐", "美景", "幸福", "愉快", "开心", "祥和", "温馨", "美", "漂亮", "好看");
    private static final Set<String> NEGATIVE = Set.of("gloomy", "bleak", "dreary", "sad", "lonely", "depressing", "grim",
            "negative", "desolate", "eerie", "ominous", "somber", "sombre", "dismal", "miserable", "scary", "hopeless",
            "terrible", "awful", "horrible", "ugly", "bad", "dreadful", "sinister",
            "阴郁", "荒凉", "阴沉", "凄凉", "孤独", "悲伤", "消极", "可怕", "恐怖", "压抑", "忧郁", "萧瑟", "难看", "糟糕", "丑");
    /** Words that say a thing is not there (see {@link #negation}). */
    private static final Set<String> NEGATIONS = Set.of("no", "without", "not", "never", "none", "nor");
    /** The same in Chinese, where they also begin other words (无边的草原 is a boundless grassland). */
    private static final Set<String> CHINESE_NEGATIONS = Set.of("没有", "无", "没", "不");
    /** What may stand between a Chinese negation and its thing: 没有任何动物, 没有一棵树. */
    private static final Set<String> CHINESE_NEGATION_FILLERS = Set.of("任何", "一", "个", "只", "棵", "条", "头");
    private static final Set<String> CLAUSE_ENDS = Set.of("and", "but", "和", ",", "，", "、", ".", "。", ";", "；");
    /** Words that carry no attribute but are common in descriptions. */
    private static final Set<String> FUNCTION = Set.of("a", "an", "the", "with", "and", "of", "in", "on", "under", "over",
            "there", "is", "are", "this", "it", "scene", "landscape", "view", "picture", "place", "you", "can", "see",
            "wild", "covered", "by", "near", "at", "from", "sky", "tall", "rolling", "green", "leafy", "dry", "colourful",
            "colorful", "orange", "grey", "gray", "glowing", "bright", "dark", "setting", "sinking", "low", "heavy", "shining", "full", "very", "also",
            "little", "small", "big", "large", "some", "its", "which", "has", "have", "image", "photo",
            "beside", "along", "through", "across", "around", "between", "above", "below", "beneath", "behind", "into", "during",
            "that", "where", "they", "their", "all", "everywhere", "day", "here", "to", "for", "as", "or",
            "any", "but", "just", "only",
            "这是", "一个", "的", "场景", "有", "和", "画面", "里", "这里", "一幅", "一片", "风景", "地方", "景象", "天上", "是",
            "还有", "天空", "覆盖", "绿色", "茂盛", "五颜六色", "野生", "橙色", "灰色", "一", "个", "在", "上", "中", "与", "还",
            "旁边", "周围", "附近", "下", "了", "着", "条", "座", "无边", "无际", "一望无际",
            "，", "、", "。", ",", ".", "!", "?", "！", "？", ";", "；", ":", "：");

    static {
        for (String w : List.of("sunny", "sunshine", "sun", "sunlight", "sunlit", "morning", "daylight", "noon", "midday",
                "晴朗", "阳光", "太阳", "蓝天", "晴天", "灿烂", "早晨", "清晨", "白天", "中午")) {
            SKY.put(w, Scene.Sky.SUNNY);
        }
        for (String w : List.of("sunset", "dusk", "sundown", "twilight", "evening", "sunrise", "dawn", "夕阳", "晚霞", "日落", "黄昏",
                "日出", "朝霞", "傍晚")) {
            SKY.put(w, Scene.Sky.SUNSET);
        }
        for (String w : List.of("cloudy", "clouds", "cloud", "overcast", "fog", "foggy", "mist", "misty", "多云", "云", "阴天", "雾",
                "大雾")) {
            SKY.put(w, Scene.Sky.CLOUDY);
        }
        for (String w : List.of("stormy", "storm", "thunderstorm", "rain", "rainy", "thunder", "lightning", "rainstorm", "downpour",
                "raining", "暴风雨", "大雨", "雷雨", "雨", "下雨", "闪电", "暴雨")) {
            SKY.put(w, Scene.Sky.STORMY);
        }
        for (String w : List.of("night", "stars", "starry", "moon", "moonlight", "nighttime", "夜空", "满天星斗", "黑夜", "夜晚",
                "星星", "月亮", "夜", "星", "midnight", "starlight", "晚上", "深夜", "月光", "星空")) {
            SKY.put(w, Scene.Sky.NIGHT);
        }
        for (String w : List.of("mountain", "mountains", "peak", "peaks", "summit", "summits", "ridge", "ridges", "山峰", "群山", "高山",
                "山", "雪山", "山脉", "山顶")) {
            LAND.put(w, Scene.Land.MOUNTAINS);
        }
        // A valley lies between slopes: the rolling land of hills more than the peaks of mountains.
        for (String w : List.of("hill", "hills", "hillside", "hilltop", "slope", "slopes", "valley", "valleys", "丘陵", "山丘", "小山",
                "山坡", "山谷")) {
            LAND.put(w, Scene.Land.HILLS);
        }
        for (String w : List.of("meadow", "meadows", "field", "fields", "grass", "grassy", "grassland", "grasslands", "prairie",
                "pasture", "pastures", "lawn", "草地", "草原", "绿草地", "草", "牧场", "草坪")) {
            LAND.put(w, Scene.Land.MEADOW);
        }
        for (String w : List.of("desert", "deserts", "sand", "sandy", "dunes", "dune", "沙漠", "沙丘", "黄沙", "沙", "戈壁")) {
            LAND.put(w, Scene.Land.DESERT);
        }
    }

    private SceneKeywords() {
    }

    public static Result extract(String text) {
        return extract(ScenesText.tokenizer().tokenize(text));
    }

    public static Result extract(List<String> tokens) {
        Scene.Sky sky = null;
        Scene.Land land = null;
        boolean snow = false;
        Scene.Water water = null;
        Scene.Plants plants = null;
        Scene.Animals animals = null;
        int moodScore = 0;
        List<String> keywords = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        boolean unknownHanBefore = false; // the token before was an unknown Chinese character
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String no = negation(tokens, i);
            boolean known = true;
            if (SKY.containsKey(t)) {
                if (sky == null && no == null) { // "a sky with no clouds" says nothing of which sky
                    // "the setting sun" is a sunset, not a sunny sky.
                    boolean setting = t.equals("sun") && i > 0 && SETTING.contains(tokens.get(i - 1));
                    sky = setting ? Scene.Sky.SUNSET : SKY.get(t);
                    keywords.add(setting ? tokens.get(i - 1) + " " + t : t);
                }
            } else if (LAND.containsKey(t) || SNOW.contains(t)) {
                boolean denied = no != null; // "no snow" says nothing of which land there is
                if (SNOW.contains(t) && !denied) {
                    snow = true;
                    keywords.add(t);
                }
                if (LAND.containsKey(t) && land == null && !denied) {
                    land = LAND.get(t);
                    if (!SNOW.contains(t)) {
                        keywords.add(t);
                    }
                }
            } else if (SKY_NOUNS.contains(t)) {
                if (sky == null) {
                    String q = qualifier(tokens, i, used, FAIR_SKY, GREY_SKY);
                    if (q != null) {
                        sky = FAIR_SKY.contains(q) ? Scene.Sky.SUNNY : Scene.Sky.CLOUDY;
                        keywords.add(q + " " + t);
                    }
                }
            } else if (WATER_NOUNS.contains(t)) {
                if (no != null) {
                    water = denied(water, Scene.Water.NONE, no + " " + t, keywords);
                } else if (water == null || water == Scene.Water.NONE) {
                    String q = qualifier(tokens, i, used, MUDDY, CLEAR);
                    water = MUDDY.contains(t) || (q != null && MUDDY.contains(q)) ? Scene.Water.MUDDY : Scene.Water.CLEAR;
                    keywords.add(q != null ? q + " " + t : t);
                }
            } else if (TREES.contains(t)) {
                if (no != null) {
                    plants = denied(plants, Scene.Plants.NONE, no + " " + t, keywords);
                } else if (plants == null || plants == Scene.Plants.FLOWERS || plants == Scene.Plants.NONE) {
                    String q = qualifier(tokens, i, used, BARE, Set.of("green", "leafy", "绿色", "茂盛", "绿"));
                    plants = t.equals("枯树") || (q != null && BARE.contains(q)) ? Scene.Plants.BARE_TREES : Scene.Plants.GREEN_TREES;
                    keywords.add(q != null ? q + " " + t : t);
                }
            } else if (FLOWERS.contains(t)) {
                if (no != null) {
                    plants = denied(plants, Scene.Plants.NONE, no + " " + t, keywords);
                } else if (plants == null || plants == Scene.Plants.NONE) {
                    plants = Scene.Plants.FLOWERS;
                    keywords.add(t);
                }
            } else if (ANIMAL_NOUNS.contains(t)) {
                if (no != null) {
                    animals = denied(animals, Scene.Animals.NONE, no + " " + t, keywords);
                } else if (animals == null || animals == Scene.Animals.NONE) {
                    String q = qualifier(tokens, i, used, GROUP, FEW);
                    animals = q != null && GROUP.contains(q) ? Scene.Animals.GROUP : Scene.Animals.FEW;
                    keywords.add(q != null ? q + " " + t : t);
                }
            } else if (POSITIVE.contains(t) || NEGATIVE.contains(t)) {
                // "not beautiful at all", 不美: a denied mood word says the other mood.
                boolean says = POSITIVE.contains(t) == (no == null);
                moodScore += says ? 1 : -1;
                keywords.add(no != null ? no + " " + t : t);
            } else {
                known = FUNCTION.contains(t) || NEGATIONS.contains(t) || CHINESE_NEGATIONS.contains(t)
                        || CHINESE_NEGATION_FILLERS.contains(t) || CLEAR.contains(t) || MUDDY.contains(t)
                        || BARE.contains(t) || GROUP.contains(t) || FEW.contains(t)
                        || t.length() == 1 && !Character.isLetterOrDigit(t.codePointAt(0));
            }
            // The tokenizer cuts Chinese it does not know into characters; 明媚 is one unknown word, not 明 and 媚.
            boolean han = t.length() == 1 && Tokenizer.isHan(t.codePointAt(0));
            if (!known && han && unknownHanBefore) {
                unknown.set(unknown.size() - 1, unknown.get(unknown.size() - 1) + t);
            } else if (!known) {
                unknown.add(t);
            }
            unknownHanBefore = !known && han;
        }
        if (snow && land == null) {
            land = Scene.Land.MOUNTAINS;
        }
        if (land != Scene.Land.MOUNTAINS) {
            snow = false;
        }
        Boolean positive = moodScore == 0 ? null : moodScore > 0;
        // A word said twice (雪山 … 雪山) is one keyword, as the unknown words are.
        return new Result(sky, land, snow, water, plants, animals, positive, List.copyOf(new java.util.LinkedHashSet<>(keywords)),
                List.copyOf(new java.util.LinkedHashSet<>(unknown)));
    }

    /** The value of an attribute a sentence denies: NONE, unless it named the attribute before. */
    private static <E> E denied(E named, E none, String keyword, List<String> keywords) {
        if (named != null) {
            return named;
        }
        keywords.add(keyword);
        return none;
    }

    /**
     * The word that denies the noun at {@code noun} ("no trees", "without any animals", 没有任何动物), or
     * null: a negation among the three tokens before it in the same clause; a Chinese one only with
     * nothing but counting words between (没有叶子的树 are trees without leaves).
     */
    private static String negation(List<String> tokens, int noun) {
        for (int j = noun - 1; j >= Math.max(0, noun - 3); j--) {
            String t = tokens.get(j);
            if (CLAUSE_ENDS.contains(t)) {
                return null;
            }
            if (NEGATIONS.contains(t)) {
                return t;
            }
            if (CHINESE_NEGATIONS.contains(t)) {
                return CHINESE_NEGATION_FILLERS.containsAll(tokens.subList(j + 1, noun)) ? t : null;
            }
        }
        return null;
    }

    /**
     * The nearest qualifier from {@code kinds} among the four tokens before {@code noun}, not crossing
     * a clause boundary (punctuation, "and", 和) and not already used by another noun.
     */
    @SafeVarargs
    private static String qualifier(List<String> tokens, int noun, Set<Integer> used, Set<String>... kinds) {
        for (int j = noun - 1; j >= Math.max(0, noun - 4); j--) {
            String t = tokens.get(j);
            if (t.equals("and") || t.equals("和") || t.equals(",") || t.equals("，") || t.equals("、") || t.equals(".")
                    || t.equals("。")) {
                return null;
            }
            for (Set<String> kind : kinds) {
                if (kind.contains(t) && used.add(j)) {
                    return t;
                }
            }
        }
        return null;
    }
}
