package vaelab.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vaelab.data.FashionMnist;

/** One lab over the shipped models for the lab's tests, started once, and a plain HTTP/1.1 client that sends anything. */
final class LabFixture {
    private static Lab lab;

    private LabFixture() {
    }

    static synchronized Lab lab() {
        if (lab == null) {
            Lab.Inputs in = new Lab.Inputs(List.of(Path.of("data/models/scenes.vae"), Path.of("data/models/scenes-discrete.vae")),
                    Path.of("data/models/fashion-vae.vae"), FashionMnist.DEFAULT_DIR);
            try {
                lab = Lab.open(in, System.err::println).start("127.0.0.1", 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            if (!lab.missing().isEmpty()) {
                throw new IllegalStateException("the lab's tests need every model and data set, missing: " + lab.missing());
            }
        }
        return lab;
    }

    static String base() {
        return "http://127.0.0.1:" + lab().port();
    }

    record Response(int status, Map<String, String> headers, String body) {
    }

    /** Sends exactly these bytes of a request line, headers and body, and reads the whole answer. */
    static Response raw(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", lab().port())) {
            s.setSoTimeout(120_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nConnection: close\r\n");
            if (!headers.containsKey("Host")) {
                head.append("Host: 127.0.0.1\r\n");
            }
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // The server may answer (e.g. 413) and close before the whole body is sent.
                }
            }
            out.flush();
            return read(s.getInputStream());
        }
    }

    static Response post(String path, String json) throws IOException {
        return raw("POST", path, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    static Response get(String path) throws IOException {
        return raw("GET", path, Map.of(), null);
    }

    /** Reads the status line and headers, then exactly Content-Length bytes (the server may keep the connection open). */
    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the connection closed before a complete answer: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(c);
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).trim().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
        }
        String length = headers.get("content-length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : new byte[0];
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }
}
