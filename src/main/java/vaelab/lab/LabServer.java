package vaelab.lab;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lab's HTTP server (the JDK's own): the page and its scripts from the jar, and a JSON API.
 * Every request is checked before any work: a known path, its method, a JSON content type and a body
 * of at most {@link #MAX_BODY} bytes; model work goes through a bounded {@link WorkQueue}. No
 * request names a file: paths map to a fixed table, never to the file system.
 */
public final class LabServer implements AutoCloseable {
    /** The largest request body read; the longest legal one (a latent vector, a grid of codes) is far smaller. */
    static final int MAX_BODY = 64 * 1024;

    private record Route(String method, Function<JsonRequest, Object> handler, boolean queued) {
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final StaticFiles files = new StaticFiles();
    private final WorkQueue work;
    private final Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();
    private final Consumer<String> log;
    private HttpServer server;
    private ExecutorService connections;
    private boolean loopback;

    public LabServer(int workers, int waiting, Consumer<String> log) {
        this.work = new WorkQueue(workers, waiting, 60);
        this.log = log;
    }

    /** A JSON endpoint whose work runs on the bounded queue (models, pictures). */
    public LabServer post(String path, Function<JsonRequest, Object> handler) {
        routes.put(path, new Route("POST", handler, true));
        return this;
    }

    /** A JSON endpoint that only reads state (status, lists): answered at once. */
    public LabServer get(String path, Function<JsonRequest, Object> handler) {
        routes.put(path, new Route("GET", handler, false));
        return this;
    }

    /** As {@link #post}, for endpoints that only start or stop something: answered at once. */
    public LabServer postNow(String path, Function<JsonRequest, Object> handler) {
        routes.put(path, new Route("POST", handler, false));
        return this;
    }

    /** Starts serving on host:port (port 0: any free port). */
    public LabServer start(String host, int port) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        loopback = address.isLoopbackAddress();
        server = HttpServer.create(new InetSocketAddress(address, port), 64);
        connections = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "vaelab-lab-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(connections);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) {
        InputStream requestBody = ex.getRequestBody(); // read through this one stream: it knows where the body ends
        try (ex) {
            int status;
            Object answer;
            try {
                answer = answer(ex, requestBody);
                if (answer instanceof StaticFiles.File f) {
                    drain(requestBody);
                    send(ex, 200, f.contentType(), f.bytes(), true);
                    return;
                }
                status = 200;
            } catch (LabException e) {
                status = e.status();
                answer = Map.of("error", e.getMessage());
            } catch (RuntimeException | Error e) {
                log.accept("lab: " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + " failed: " + e);
                status = 500;
                answer = Map.of("error", "the lab failed on this request (" + e.getClass().getSimpleName() + "); it keeps serving");
            }
            drain(requestBody);
            send(ex, status, "application/json; charset=utf-8", gson.toJson(answer).getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException | RuntimeException e) {
            log.accept("lab: could not answer " + ex.getRequestMethod() + " " + shorten(ex.getRequestURI().getRawPath()) + ": " + e);
        }
    }

    private Object answer(HttpExchange ex, InputStream requestBody) throws IOException {
        checkHost(ex);
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        StaticFiles.File file = files.get(path);
        if (file != null) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                throw new LabException(405, method + " is not allowed on " + path);
            }
            return file;
        }
        Route route = routes.get(path);
        if (route == null) {
            throw new LabException(404, "no such page or endpoint: " + shorten(path));
        }
        if (!method.equals(route.method())) {
            ex.getResponseHeaders().set("Allow", route.method());
            throw new LabException(405, method + " is not allowed on " + path + "; use " + route.method());
        }
        JsonRequest request = route.method().equals("POST") ? body(ex, requestBody) : JsonRequest.empty();
        return route.queued() ? work.run(() -> route.handler().apply(request)) : route.handler().apply(request);
    }

    /** Bound to this machine only, the lab answers only names of this machine: a page elsewhere cannot rebind a name to it. */
    private void checkHost(HttpExchange ex) {
        if (!loopback) {
            return;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        if (!name.equals("localhost") && !name.equals("127.0.0.1") && !name.equals("[::1]")) {
            throw new LabException(403, "this lab answers only requests to localhost or 127.0.0.1");
        }
    }

    private static JsonRequest body(HttpExchange ex, InputStream in) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().matches("application/json\\s*(;.*)?")) {
            throw new LabException(415, "send the request as Content-Type: application/json");
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.length() > 9) {
            throw new LabException(413, "the body is larger than " + MAX_BODY + " bytes");
        }
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new LabException(413, "the body is larger than " + MAX_BODY + " bytes");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return JsonRequest.parse(text);
        } catch (CharacterCodingException e) {
            throw LabException.badRequest("the body is not UTF-8");
        }
    }

    /** Bodies up to this size are read to their end before an answer, so the client reads the answer, not a reset. */
    static final long DRAIN_LIMIT = 4L << 20;

    private static void send(HttpExchange ex, int status, String type, byte[] body, boolean cacheable) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", cacheable ? "max-age=3600" : "no-store");
        // Everything the page uses comes from this server; pictures arrive as data: URLs.
        h.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'");
        boolean head = ex.getRequestMethod().equals("HEAD"); // its answer has headers only
        ex.sendResponseHeaders(status, body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            ex.getResponseBody().write(body);
        }
    }

    /** Reads what is left of a body (up to {@link #DRAIN_LIMIT}), so that closing does not reset the connection under the answer. */
    private static void drain(InputStream in) {
        try {
            byte[] sink = new byte[8192];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // The client is gone: nothing left to drain.
        }
    }

    private static String shorten(String path) {
        return path.length() > 80 ? path.substring(0, 80) + "…" : path;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            connections.shutdownNow();
        }
        work.close();
    }
}
