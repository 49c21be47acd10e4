package vaelab.model;

import java.util.List;
import vaelab.data.scenes.Captioner;
import vaelab.data.scenes.Language;
import vaelab.data.scenes.SceneKeywords;
import vaelab.text.Tokenizer;

/**
 * What a text–image model reads of a sentence before it draws: a scene model reads the scene its
 * keywords find, said in the words of its training captions, because it learnt from captions alone
 * and draws less faithfully from phrasings it never saw. The API's {@code generate} and the
 * evaluation of free sentences both read through here, so that what is scored is what is drawn.
 */
public final class SentenceReading {
    /** Through the keywords (for a scene model), or the text word for word. */
    public enum Mode {
        KEYWORDS, AS_WRITTEN
    }

    /**
     * @param written      the text as the model encodes it (its length limit applied)
     * @param keywords     the scene words found in what was kept
     * @param readAs       the text given to the model: the text itself, or the scene the keywords found in it
     * @param fromPrior    no word was known, so the pictures can only come from the prior
     * @param unknownWords words not understood and so ignored: those the keywords do not know when read through
     *                     them, else those the model never saw
     */
    public record Read(Tokenizer.Encoded written, SceneKeywords.Result keywords, String readAs, boolean fromPrior,
                       List<String> unknownWords) {
    }

    private SentenceReading() {
    }

    public static Read read(TextImageNetwork model, String text, Mode mode) {
        // The model's length limit applies to the text as given; the keywords read what is kept.
        Tokenizer.Encoded written = model.encode(text);
        SceneKeywords.Result keywords = SceneKeywords.extract(written.tokens());
        String plain = mode == Mode.KEYWORDS && "scenes".equals(model.dataset()) ? Captioner.plain(keywords, Language.of(text)) : null;
        String read = plain != null ? plain : text;
        Tokenizer.Encoded encoded = plain != null ? model.encode(plain) : written;
        boolean fromPrior = encoded.ids().length == 0 || encoded.unknown().size() == encoded.tokens().stream().distinct().count();
        List<String> ignored = plain != null ? keywords.unknownWords() : List.copyOf(written.unknown());
        return new Read(written, keywords, read, fromPrior, ignored);
    }
}
