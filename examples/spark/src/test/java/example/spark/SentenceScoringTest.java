package example.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import vaelab.api.TextImageModel;

class SentenceScoringTest {
    static final String[] THINGS = {"a sunny meadow with flowers", "a stormy night over bare trees", "snowy mountains and a clear lake",
        "a cloudy desert with a muddy river", "一群野生动物和清澈的河流", "阴郁的夜晚，光秃秃的树", "hills with green trees at sunset",
        "a group of animals in the sand dunes", "雪山、蓝色的湖泊和鲜花", "a gloomy grey sky above a muddy pond"};

    @Test
    void scoresSentencesInLocalModeAsTheLibraryDoesAlone() throws Exception {
        Path modelPath = Path.of(System.getProperty("vaelab.model", "../../data/models/scenes.vae"));
        byte[] modelFile = Files.readAllBytes(modelPath);
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sentences.add(THINGS[i % THINGS.length] + (i >= THINGS.length ? " (" + i + ")" : ""));
        }
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("vaelab-scoring")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        List<SentenceScoring.Scored> scored;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            scored = SentenceScoring.score(sc, modelFile, sc.parallelize(sentences, 4)).collect();
        }
        assertEquals(40, scored.size());
        TextImageModel local = TextImageModel.load(modelPath);
        for (int i = 0; i < scored.size(); i++) {
            assertEquals(sentences.get(i), scored.get(i).sentence());
            assertEquals(SentenceScoring.score(local, sentences.get(i)), scored.get(i), "sentence " + i);
            assertTrue(scored.get(i).picturePositive() >= 0 && scored.get(i).picturePositive() <= 1);
        }
        System.out.printf("scored %d sentences on local[2]; first: %s%n", scored.size(), scored.get(0));
    }
}
