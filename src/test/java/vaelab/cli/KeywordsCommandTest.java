package vaelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordsCommandTest {
    @Test
    void bothLanguagesGiveTheSameAttributes() {
        MainTest.Run zh = MainTest.run("keywords", "--text", "这是一个积极向上的场景，有美丽的山峰、清澈的河流和一群野生动物");
        MainTest.Run en = MainTest.run("keywords", "--text",
                "a positive, uplifting scene with beautiful mountains, a clear river and a group of wild animals");
        assertThat(zh.code()).isZero();
        assertThat(zh.out()).startsWith("land: mountains, water: clear, animals: a group, mood: positive").contains("unknown words: none")
                .contains("a scene model reads it as: 这是一个积极向上的场景，有山峰、清澈的河流和一群野生动物");
        assertThat(en.out().lines().findFirst()).isEqualTo(zh.out().lines().findFirst());
        assertThat(en.out()).contains("a scene model reads it as: a positive, uplifting scene with mountains, a clear river and a group of wild animals");
    }

    @Test
    void jsonAndUnknownWords() {
        MainTest.Run r = MainTest.run("keywords", "--json", "--text", "a dragon over snowy peaks at night");
        assertThat(r.out().strip()).startsWith("{\"keywords\": [").contains("\"land\": \"mountains\"").contains("\"snow\": true")
                .contains("\"sky\": \"night\"").endsWith("\"unknown_words\": [\"dragon\"], \"read_as\": \"a scene with snowy mountains under a night sky\"}");
    }

    @Test
    void emptyTextIsAnError() {
        MainTest.Run r = MainTest.run("keywords", "--text", "  ");
        assertThat(r.code()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(r.err()).contains("--text is empty");
        MainTest.Run none = MainTest.run("keywords", "--text", "quantum physics");
        assertThat(MainTest.run("keywords", "--text", "a desert with no animals").out()).startsWith("land: desert, animals: none");
        assertThat(none.out()).startsWith("no scene attributes or mood found").contains("unknown words: quantum, physics")
                .doesNotContain("reads it as");
    }
}
