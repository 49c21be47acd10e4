package vaelab.data.scenes;

import java.util.List;
import java.util.Map;

/**
 * The words the caption generator speaks: for each attribute value, several phrasings in English and
 * in Chinese, and mood words for each label. Keyword extraction ({@link SceneKeywords}) keeps tables of
 * its own, with many more synonyms; {@code PhrasebookKeywordsTest} checks that it reads every phrase
 * here as the value the phrase stands for, so what the generator writes, the extractor understands.
 */
final class Phrasebook {
    private Phrasebook() {
    }

    record Phrases(List<String> english, List<String> chinese) {
        List<String> in(Language l) {
            return l == Language.ENGLISH ? english : chinese;
        }
    }

    static Phrases of(List<String> en, List<String> zh) {
        return new Phrases(en, zh);
    }

    static final Map<Scene.Sky, Phrases> SKY = Map.of(
            Scene.Sky.SUNNY, of(List.of("a sunny sky", "bright sunshine", "a clear blue sky", "the shining sun"),
                    List.of("晴朗的天空", "灿烂的阳光", "蓝天和太阳")),
            Scene.Sky.SUNSET, of(List.of("a sunset", "an orange evening sky", "the setting sun", "a glowing dusk"),
                    List.of("夕阳", "橙色的晚霞", "日落")),
            Scene.Sky.CLOUDY, of(List.of("a cloudy sky", "grey clouds", "an overcast sky"),
                    List.of("多云的天空", "灰色的云", "阴天")),
            Scene.Sky.STORMY, of(List.of("a stormy sky", "heavy rain", "a thunderstorm", "dark storm clouds"),
                    List.of("暴风雨", "大雨", "雷雨")),
            Scene.Sky.NIGHT, of(List.of("a night sky", "a starry night", "a dark night", "moonlight"),
                    List.of("夜空", "满天星斗", "黑夜")));

    static final Map<Scene.Land, Phrases> LAND = Map.of(
            Scene.Land.MOUNTAINS, of(List.of("mountains", "mountain peaks", "tall peaks"), List.of("山峰", "群山", "高山")),
            Scene.Land.HILLS, of(List.of("rolling hills", "green hills", "hills"), List.of("丘陵", "绿色的山丘", "小山")),
            Scene.Land.MEADOW, of(List.of("a meadow", "a grassy field", "green grassland"), List.of("草地", "草原", "绿草地")),
            Scene.Land.DESERT, of(List.of("a desert", "sand dunes", "dry sand"), List.of("沙漠", "沙丘", "黄沙")));

    static final Phrases SNOWY_MOUNTAINS = of(List.of("snowy mountains", "snow-capped peaks", "mountains covered in snow"),
            List.of("雪山", "白雪覆盖的山峰", "积雪的群山"));

    static final Map<Scene.Water, Phrases> WATER = Map.of(
            Scene.Water.CLEAR, of(List.of("a clear river", "a blue lake", "clean water", "a clear stream"),
                    List.of("清澈的河流", "蓝色的湖泊", "清澈的溪水")),
            Scene.Water.MUDDY, of(List.of("a muddy river", "brown water", "a dirty stream"),
                    List.of("浑浊的河流", "泥泞的河水", "脏水")));

    static final Map<Scene.Plants, Phrases> PLANTS = Map.of(
            Scene.Plants.GREEN_TREES, of(List.of("green trees", "leafy trees", "a few green trees"), List.of("绿树", "茂盛的树木", "绿色的树")),
            Scene.Plants.BARE_TREES, of(List.of("bare trees", "leafless trees", "dead trees"), List.of("枯树", "光秃秃的树", "没有叶子的树")),
            Scene.Plants.FLOWERS, of(List.of("flowers", "wildflowers", "colourful flowers"), List.of("鲜花", "野花", "五颜六色的花")));

    static final Map<Scene.Animals, Phrases> ANIMALS = Map.of(
            Scene.Animals.FEW, of(List.of("a few animals", "some animals", "a couple of animals"), List.of("几只动物", "一些动物", "两三只动物")),
            Scene.Animals.GROUP, of(List.of("a group of wild animals", "a herd of animals", "many animals"),
                    List.of("一群野生动物", "一群动物", "很多动物")));

    /** Openers that carry the mood, before the list of what the scene shows. */
    static final Phrases POSITIVE_OPENERS = of(
            List.of("a positive, uplifting scene with", "a beautiful scene with", "a peaceful landscape with", "a lovely view of"),
            List.of("这是一个积极向上的场景，有", "这是一个美丽的场景，有", "一幅宁静的画面，有", "一片美好的风景，有"));
    static final Phrases NEGATIVE_OPENERS = of(
            List.of("a gloomy scene with", "a bleak landscape with", "a dreary view of", "a sad place with"),
            List.of("这是一个阴郁的场景，有", "一幅荒凉的画面，有", "一个阴沉的地方，有", "一片凄凉的景象，有"));
    static final Phrases NEUTRAL_OPENERS = of(
            List.of("a scene with", "a landscape with", "a picture of", "you can see"),
            List.of("这是一个场景，有", "画面里有", "这里有", "一幅风景，有"));

    /** Adjectives placed before the first thing named, consistent with the mood. */
    static final Phrases POSITIVE_ADJECTIVES = of(List.of("beautiful", "peaceful", "lovely"), List.of("美丽的", "宁静的", "可爱的"));
    static final Phrases NEGATIVE_ADJECTIVES = of(List.of("gloomy", "bleak", "lonely"), List.of("阴郁的", "荒凉的", "孤独的"));
}
