package vaelab.data.scenes;

import java.util.Set;
import vaelab.text.Tokenizer;

/** The text side of the scenes: the Chinese words their captions are made of, and a tokenizer that knows them. */
public final class ScenesText {
    /**
     * Every multi-character Chinese word in the captions (and common synonyms a person might type),
     * so that longest-match segmentation cuts 清澈的河流 into 清澈 / 的 / 河流.
     */
    public static final Set<String> CHINESE_WORDS = Set.of(
            "晴朗", "天空", "灿烂", "阳光", "蓝天", "太阳", "夕阳", "橙色", "晚霞", "日落", "黄昏", "多云", "灰色", "阴天",
            "暴风雨", "大雨", "雷雨", "下雨", "夜空", "满天星斗", "黑夜", "夜晚", "星星", "月亮", "山峰", "群山", "高山",
            "丘陵", "绿色", "山丘", "小山", "草地", "草原", "绿草地", "沙漠", "沙丘", "黄沙", "雪山", "白雪", "覆盖", "积雪",
            "清澈", "河流", "蓝色", "湖泊", "湖水", "溪水", "小溪", "浑浊", "泥泞", "河水", "脏水", "绿树", "茂盛", "树木",
            "枯树", "光秃秃", "没有", "叶子", "鲜花", "野花", "花朵", "五颜六色", "几只", "动物", "一些", "两三只", "一群",
            "野生动物", "野生", "很多", "许多", "这是", "一个", "积极向上", "积极", "向上", "场景", "美丽", "一幅", "宁静",
            "画面", "一片", "美好", "风景", "阴郁", "荒凉", "阴沉", "地方", "凄凉", "景象", "这里", "可爱", "孤独", "天上",
            "还有", "快乐", "悲伤", "美景",
            // cues of SceneKeywords that no caption uses, so that a person's 森林 or 晴天 is one word too
            "干净", "晴天", "森林", "消极", "碧绿", "池塘", "瀑布", "大海", "沼泽", "树林", "丛林", "松树", "花园", "花海", "玫瑰",
            "小鸟", "大象", "狮子", "骆驼", "兔子", "狐狸", "成群", "一只", "两只", "三只", "幸福", "愉快", "开心", "祥和", "温馨",
            "可怕", "恐怖", "压抑", "忧郁", "萧瑟", "早晨", "清晨", "白天", "中午", "日出", "朝霞", "傍晚", "大雾", "闪电", "暴雨",
            "晚上", "深夜", "月光", "星空", "山脉", "山顶", "山坡", "山谷", "牧场", "草坪", "戈壁", "旁边", "周围", "附近",
            "任何", "无数", "无边", "无际", "一望无际");

    private ScenesText() {
    }

    public static Tokenizer tokenizer() {
        return new Tokenizer(CHINESE_WORDS);
    }
}
