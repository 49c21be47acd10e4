package vaelab.data.scenes;

import vaelab.text.Tokenizer;

/** The languages the scenes' captions are written in. */
public enum Language {
    ENGLISH, CHINESE;

    /** The language a text is mostly written in: Chinese when it has more Chinese characters than Latin letters. */
    public static Language of(String text) {
        long han = text.codePoints().filter(Tokenizer::isHan).count();
        long latin = text.codePoints().filter(c -> c < 0x250 && Character.isLetter(c)).count();
        return han > latin ? CHINESE : ENGLISH;
    }
}
