package vaelab.data;

import java.util.List;
import vaelab.tensor.Rng;

/**
 * Captions made from class labels, in English and Chinese, with a few templates each so that the
 * text encoder must find the class word rather than memorise whole strings.
 */
public final class LabelCaptions {
    private static final List<String> ENGLISH_TEMPLATES = List.of("a photo of %s", "this is %s", "%s", "a picture of %s");
    private static final List<String> CHINESE_TEMPLATES = List.of("一张%s的照片", "这是%s", "%s", "一幅%s的图片");

    /** Fashion-MNIST's ten classes, named with their article, and in Chinese. */
    public static final LabelCaptions FASHION_MNIST = new LabelCaptions(
            List.of("a t-shirt", "a pair of trousers", "a pullover", "a dress", "a coat", "a sandal", "a shirt",
                    "a sneaker", "a bag", "an ankle boot"),
            List.of("T恤", "裤子", "套头衫", "连衣裙", "外套", "凉鞋", "衬衫", "运动鞋", "包", "短靴"));

    private final List<String> english;
    private final List<String> chinese;

    public LabelCaptions(List<String> english, List<String> chinese) {
        if (english.size() != chinese.size() || english.isEmpty()) {
            throw new IllegalArgumentException("need one English and one Chinese name per class");
        }
        this.english = List.copyOf(english);
        this.chinese = List.copyOf(chinese);
    }

    public int classes() {
        return english.size();
    }

    /** A caption of class {@code label}: language and template drawn from {@code rng}. */
    public String caption(int label, Rng rng) {
        boolean zh = rng.nextInt(2) == 1;
        List<String> templates = zh ? CHINESE_TEMPLATES : ENGLISH_TEMPLATES;
        String template = templates.get(rng.nextInt(templates.size()));
        return String.format(template, zh ? chinese.get(label) : english.get(label));
    }

    /** The class a text names, or −1 when it names none or several: "sneaker" and 运动鞋 both give 7. */
    public int labelOf(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int found = -1;
        for (int k = 0; k < english.size(); k++) {
            String noun = english.get(k).replaceFirst("^(a pair of |an |a )", "");
            boolean hit = containsWord(lower, noun) || text.contains(chinese.get(k));
            if (hit) {
                if (found >= 0 && !overlaps(k, found)) {
                    return -1;
                }
                found = found >= 0 && noun.length() < nounOf(found).length() ? found : k;
            }
        }
        return found;
    }

    /** "shirt" is inside "t-shirt", 衫 inside 衬衫 and 套头衫: the longer name wins, not a conflict. */
    private boolean overlaps(int a, int b) {
        return nounOf(a).contains(nounOf(b)) || nounOf(b).contains(nounOf(a)) || chinese.get(a).contains(chinese.get(b))
                || chinese.get(b).contains(chinese.get(a));
    }

    private String nounOf(int k) {
        return english.get(k).replaceFirst("^(a pair of |an |a )", "");
    }

    private static boolean containsWord(String text, String word) {
        int i = text.indexOf(word);
        while (i >= 0) {
            boolean startOk = i == 0 || !Character.isLetter(text.charAt(i - 1));
            int end = i + word.length();
            boolean endOk = end == text.length() || !Character.isLetter(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            i = text.indexOf(word, i + 1);
        }
        return false;
    }
}
