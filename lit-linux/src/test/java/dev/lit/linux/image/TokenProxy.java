package dev.lit.linux.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' own front for a registry, a small HTTP/1.1 server (one request per connection):
 * optionally a Bearer token service ({@code /token}, for anonymous callers or one user) whose
 * tokens every {@code /v2/} request must present, and fault injection on blob downloads (cut
 * the first responses after some bytes, or flip a byte). It records the Range headers it sees.
 */
final class TokenProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String upstream;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    final AtomicInteger blobRequests = new AtomicInteger();
    volatile boolean requireToken;
    volatile String tokenUser;
    volatile String tokenPassword;
    volatile int cutsLeft;
    volatile long cutAfter;
    volatile boolean tamper;

    TokenProxy(String upstreamHost) throws IOException {
        this.upstream = "http://" + upstreamHost;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private record Request(String method, String target, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            Request r = read(in);
            if (r == null) {
                return;
            }
            if (r.target().startsWith("/token")) {
                token(r, out);
            } else {
                proxy(r, out);
            }
        } catch (IOException | InterruptedException e) {
            // the connection ends here, on purpose or not
        }
    }

    private static Request read(InputStream in) throws IOException {
        String line = line(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] first = line.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        String h;
        while ((h = line(in)) != null && !h.isEmpty()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Request(first[0], first[1], headers, in.readNBytes(length));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    private void token(Request r, OutputStream out) throws IOException {
        tokenRequests.add(URI.create(r.target()).getQuery());
        if (tokenUser != null) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((tokenUser + ":" + tokenPassword).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(r.header("Authorization"))) {
                respond(out, 401, Map.of(), "{\"details\":\"bad credentials\"}");
                return;
            }
        }
        String token = UUID.randomUUID().toString();
        tokens.add(token);
        respond(out, 200, Map.of(), "{\"token\":\"" + token + "\",\"expires_in\":300}");
    }

    private void proxy(Request req, OutputStream out) throws IOException, InterruptedException {
        String path = URI.create(req.target()).getRawPath();
        if (requireToken) {
            String auth = req.header("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                String repo = path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs|tags)/.*$", "");
                respond(out, 401, Map.of("WWW-Authenticate", "Bearer realm=\"http://" + host() + "/token\",service=\"lit-test\",scope=\"repository:"
                        + repo + ":pull\""), "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token required\"}]}");
                return;
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + req.target()))
                .method(req.method(), HttpRequest.BodyPublishers.ofByteArray(req.body()));
        for (String h : List.of("Accept", "Range", "Content-Type")) {
            String v = req.header(h);
            if (v != null) {
                b.header(h, v);
            }
        }
        boolean blob = path.contains("/blobs/sha256:") && req.method().equals("GET");
        if (blob) {
            blobRequests.incrementAndGet();
            String range = req.header("Range");
            ranges.add(range == null ? "" : range);
        }
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : List.of("Content-Type", "Docker-Content-Digest", "Content-Range", "Accept-Ranges", "Location", "Content-Length")) {
            r.headers().firstValue(h).ifPresent(v -> headers.put(h, v));
        }
        try (InputStream in = r.body()) {
            byte[] body = in.readAllBytes();
            if (blob && r.statusCode() < 300 && cutsLeft > 0 && body.length > cutAfter) {
                cutsLeft--;
                writeHead(out, r.statusCode(), headers);
                out.write(body, 0, (int) cutAfter);
                out.flush();
                return; // the connection closes short of Content-Length
            }
            if (blob && tamper && r.statusCode() < 300 && body.length > 0) {
                body[body.length / 2] ^= 0x5a;
            }
            writeHead(out, r.statusCode(), headers);
            if (!req.method().equals("HEAD")) {
                out.write(body);
            }
            out.flush();
        }
    }

    private static void respond(OutputStream out, int status, Map<String, String> extra, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Content-Type", "application/json");
        headers.put("Content-Length", String.valueOf(b.length));
        writeHead(out, status, headers);
        out.write(b);
        out.flush();
    }

    private static void writeHead(OutputStream out, int status, Map<String, String> headers) throws IOException {
        StringBuilder s = new StringBuilder("HTTP/1.1 " + status + " X\r\nConnection: close\r\n");
        headers.forEach((k, v) -> s.append(k).append(": ").append(v).append("\r\n"));
        s.append("\r\n");
        out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
