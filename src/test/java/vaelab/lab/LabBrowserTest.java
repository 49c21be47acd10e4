package vaelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lab in a real browser (Debian's chromium, driven through chromium-driver): each page used as a
 * student would, by typing, dragging, pointing and clicking. Screenshots of each page go to
 * target/lab-screenshots (README's pictures are made the same way).
 */
class LabBrowserTest {
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    static final Path SHOTS = Path.of("target", "lab-screenshots");

    @BeforeAll
    static void openBrowser() throws Exception {
        LabFixture.lab();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--disable-gpu", "--no-first-run", "--disable-extensions");
        // The driver is Debian's, named here, so Selenium never looks for one on the internet.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** A fresh load of the page, then the tab: what a student does. */
    private static void open(String page) {
        browser.get(LabFixture.base() + "/");
        id("tab-" + page).click();
    }

    private static WebElement id(String id) {
        return browser.findElement(By.id(id));
    }

    /** An image's source, "" before the page has given it one (a wait may look that early). */
    private static String src(String id) {
        String src = id(id).getAttribute("src");
        return src == null ? "" : src;
    }

    @Test
    void aSentenceShowsItsReadingAndThePicturesOfBothKinds() throws Exception {
        open("text");
        WebElement input = id("text-input");
        input.clear();
        input.sendKeys("a stormy night over snowy mountains with a muddy river");
        id("text-go").click();
        wait.until(d -> d.findElements(By.cssSelector(".model-result")).size() == 2
                && id("text-reading").getText().contains("snowy mountains"));
        List<WebElement> results = browser.findElements(By.cssSelector(".model-result"));
        assertThat(results.get(0).getAttribute("data-kind")).isEqualTo("gaussian");
        assertThat(results.get(1).getAttribute("data-kind")).isEqualTo("discrete");
        for (WebElement r : results) {
            List<WebElement> pictures = r.findElements(By.cssSelector("img.generated"));
            assertThat(pictures).hasSize(4);
            assertThat(pictures.get(0).getAttribute("src")).startsWith("data:image/png;base64,");
            assertThat(r.getText()).contains("p(positive) =");
        }
        assertThat(id("text-reading").getText()).contains("stormy").contains("muddy");
        assertThat(results.get(1).findElement(By.cssSelector(".guidance")).getText()).isEqualTo("guidance 3");
        shot("text");
        // Guidance moves the discrete model's pictures only.
        String gaussianBefore = results.get(0).findElement(By.cssSelector("img.generated")).getAttribute("src");
        String discreteBefore = results.get(1).findElement(By.cssSelector("img.generated")).getAttribute("src");
        WebElement guidance = id("text-guidance");
        guidance.clear();
        guidance.sendKeys("1");
        id("text-go").click();
        wait.until(d -> d.findElements(By.cssSelector(".model-result .guidance")).size() == 1
                && d.findElement(By.cssSelector(".model-result .guidance")).getText().equals("guidance 1 (none)"));
        List<WebElement> unguided = browser.findElements(By.cssSelector(".model-result"));
        assertThat(unguided.get(0).findElement(By.cssSelector("img.generated")).getAttribute("src")).isEqualTo(gaussianBefore);
        assertThat(unguided.get(1).findElement(By.cssSelector("img.generated")).getAttribute("src")).isNotEqualTo(discreteBefore);
        // An answer that refuses: the page says why instead of failing silently.
        input.clear();
        input.sendKeys(Keys.SPACE);
        id("text-go").click();
        wait.until(d -> id("text-error").getText().contains("empty"));
    }

    @Test
    void draggingASliderRedrawsThePictureAndTheMapDecodesWhereItIsPointed() throws Exception {
        open("latent");
        wait.until(d -> d.findElements(By.cssSelector("#sliders input")).size() == 20
                && src("latent-picture").startsWith("data:"));
        assertThat(browser.findElements(By.cssSelector("#sliders .kl"))).hasSize(20);
        int collapsed = browser.findElements(By.cssSelector("#sliders .slider.collapsed")).size();
        assertThat(id("latent-summary").getText()).startsWith(collapsed + " of 20 dimensions collapsed");
        // Drag the slider of the dimension with the most KL: the picture must change.
        String before = src("latent-picture");
        WebElement strongest = strongestSlider();
        new Actions(browser).clickAndHold(strongest).moveByOffset(120, 0).release().perform();
        wait.until(d -> !src("latent-picture").equals(before));
        shot("latent");
        // Point at two places of the map.
        WebElement map = id("latent-map");
        new Actions(browser).moveToElement(map, -100, -80).click().perform();
        wait.until(d -> src("map-picture").startsWith("data:"));
        String first = src("map-picture");
        new Actions(browser).moveToElement(map, 120, 100).click().perform();
        wait.until(d -> !src("map-picture").equals(first));
        // One image's ELBO terms, then an interpolation.
        id("image-index").clear();
        id("image-index").sendKeys("5");
        id("image-go").click();
        wait.until(d -> id("image-terms").getText().contains("IWAE"));
        assertThat(id("image-terms").getText()).contains("−ELBO = reconstruction + KL");
        id("interp-go").click();
        wait.until(d -> d.findElements(By.cssSelector("#interp-row img.step")).size() == 8);
    }

    private static WebElement strongestSlider() {
        List<WebElement> rows = browser.findElements(By.cssSelector("#sliders .slider"));
        WebElement best = null;
        double most = -1;
        for (WebElement row : rows) {
            String title = row.findElement(By.cssSelector(".kl")).getAttribute("title"); // "KL 1.234 nats"
            double kl = Double.parseDouble(title.split(" ")[1]);
            if (kl > most) {
                most = kl;
                best = row.findElement(By.tagName("input"));
            }
        }
        return best;
    }

    @Test
    void aTrainingStartedFromTheFormStreamsItsCurvesAndSamples() throws Exception {
        open("train");
        id("train-epochs").clear();
        id("train-epochs").sendKeys("3");
        id("train-subset").clear();
        id("train-subset").sendKeys("3000");
        id("train-beta").clear();
        id("train-beta").sendKeys("8");
        id("train-start").click();
        wait.until(d -> "done".equals(id("train-status").getAttribute("data-state")));
        assertThat(id("train-status").getText()).contains("epoch 3 of 3");
        assertThat(browser.findElements(By.cssSelector("#train-samples img.sample"))).hasSize(TrainingPage.SAMPLES);
        assertThat(browser.findElements(By.cssSelector("#train-kl .bar"))).hasSize(8);
        assertThat(id("train-active").getText()).contains("dimensions collapsed");
        assertThat(browser.findElements(By.cssSelector("#chart-loss canvas"))).isNotEmpty();
        shot("train");
    }

    @Test
    void clickingACellAndPickingAnotherCodeChangesThePicture() throws Exception {
        open("codes");
        wait.until(d -> d.findElements(By.cssSelector("#codes-grid div")).size() == 64
                && src("codes-picture").startsWith("data:"));
        String before = src("codes-picture");
        browser.findElements(By.cssSelector("#codes-grid div")).get(36).click();
        wait.until(d -> d.findElements(By.cssSelector("#codes-alternatives .alt")).size() == 12);
        WebElement alt = browser.findElements(By.cssSelector("#codes-alternatives .alt")).get(0);
        String code = alt.getAttribute("data-code");
        alt.click();
        wait.until(d -> !src("codes-picture").equals(before));
        assertThat(browser.findElements(By.cssSelector("#codes-grid div")).get(36).getText()).isEqualTo(code);
        shot("codes");
    }
}
