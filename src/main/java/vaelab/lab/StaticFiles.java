package vaelab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The page, its script and style, and the chart library's files: a fixed table of jar resources. */
final class StaticFiles {
    record File(byte[] bytes, String contentType) {
    }

    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String[]> TABLE = Map.of(
            "/", new String[] {"/vaelab/lab/index.html", "text/html; charset=utf-8"},
            "/lab.js", new String[] {"/vaelab/lab/lab.js", "text/javascript; charset=utf-8"},
            "/lab.css", new String[] {"/vaelab/lab/lab.css", "text/css; charset=utf-8"},
            "/vendor/uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/vendor/uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

    private final Map<String, File> loaded = new java.util.concurrent.ConcurrentHashMap<>();

    /** The file served at {@code path}, or null when none is. */
    File get(String path) {
        String[] entry = TABLE.get(path);
        if (entry == null) {
            return null;
        }
        return loaded.computeIfAbsent(path, p -> {
            try (InputStream in = StaticFiles.class.getResourceAsStream(entry[0])) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks " + entry[0]);
                }
                return new File(in.readAllBytes(), entry[1]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
