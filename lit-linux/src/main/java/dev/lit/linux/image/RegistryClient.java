package dev.lit.linux.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OCI Distribution API for one registry endpoint on {@link HttpClient}: manifests,
 * blobs (ranged), and uploads. Authentication challenges are answered on the way; redirects
 * are followed by hand so credentials never go to another host (blob storage); idempotent
 * requests retry transient failures (connection errors, 429, 5xx) with backoff.
 */
final class RegistryClient {
    static final int RETRIES = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final HttpClient http;
    private final RegistryConfig.Endpoint endpoint;
    private final String registry;
    private final Authenticator auth;

    RegistryClient(HttpClient http, RegistryConfig.Endpoint endpoint, String registry, @Nullable Credentials credentials) {
        this.http = http;
        this.endpoint = endpoint;
        this.registry = registry;
        this.auth = new Authenticator(http, registry, credentials);
    }

    RegistryConfig.Endpoint endpoint() {
        return endpoint;
    }

    record Fetched(byte[] body, @Nullable String contentType) {
    }

    static String pullScope(String repository) {
        return "repository:" + repository + ":pull";
    }

    static String pushScope(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    /** GET a manifest (by tag or digest). */
    Fetched manifest(String repository, String reference) throws IOException, InterruptedException {
        URI uri = api(repository, "manifests/" + reference);
        HttpResponse<InputStream> r = send("GET", uri, pullScope(repository), null, Map.of("Accept", MediaTypes.ACCEPT), true);
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) {
                throw failure(r, body, "manifest " + repository + ":" + reference);
            }
            byte[] bytes = body.readNBytes(8 << 20);
            return new Fetched(bytes, r.headers().firstValue("Content-Type").orElse(null));
        }
    }

    /** GET a blob from {@code offset}: the response is 200 (whole blob) or 206 (from offset); the caller closes the body. */
    HttpResponse<InputStream> blob(String repository, Digest digest, long offset) throws IOException, InterruptedException {
        Map<String, String> headers = offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
        HttpResponse<InputStream> r = send("GET", api(repository, "blobs/" + digest), pullScope(repository), null, headers, true);
        if (r.statusCode() == 416 && offset > 0) {
            r.body().close();
            return blob(repository, digest, 0);
        }
        if (r.statusCode() != 200 && r.statusCode() != 206) {
            try (InputStream body = r.body()) {
                throw failure(r, body, "blob " + digest + " of " + repository);
            }
        }
        return r;
    }

    boolean blobExists(String repository, Digest digest) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = send("HEAD", api(repository, "blobs/" + digest), pushScope(repository), null, Map.of(), true);
        r.body().close();
        return r.statusCode() == 200;
    }

    /** Tries a cross-repository mount; true if the registry mounted it (201). */
    boolean mount(String repository, String from, Digest digest) throws IOException, InterruptedException {
        URI uri = api(repository, "blobs/uploads/?mount=" + digest + "&from=" + from);
        HttpResponse<InputStream> r = send("POST", uri, pushScope(repository) + " " + pullScope(from), HttpRequest.BodyPublishers::noBody, Map.of(), false);
        try (InputStream body = r.body()) {
            if (r.statusCode() == 201) {
                return true;
            }
            if (r.statusCode() == 202) {
                return false; // an upload session was opened instead; it expires unused
            }
            throw failure(r, body, "mount of " + digest + " into " + repository);
        }
    }

    /** Starts an upload; returns its location. */
    URI startUpload(String repository) throws IOException, InterruptedException {
        URI uri = api(repository, "blobs/uploads/");
        HttpResponse<InputStream> r = send("POST", uri, pushScope(repository), HttpRequest.BodyPublishers::noBody, Map.of(), false);
        try (InputStream body = r.body()) {
            if (r.statusCode() != 202) {
                throw failure(r, body, "upload to " + repository);
            }
            return location(r);
        }
    }

    /** PUTs the whole blob at once. */
    void uploadMonolithic(String repository, URI location, Path file, Digest digest) throws IOException, InterruptedException {
        URI put = withQuery(location, "digest=" + digest);
        HttpResponse<InputStream> r = send("PUT", put, pushScope(repository), () -> ofFile(file),
                Map.of("Content-Type", "application/octet-stream"), false);
        try (InputStream body = r.body()) {
            if (r.statusCode() != 201) {
                throw failure(r, body, "upload of " + digest + " to " + repository);
            }
        }
    }

    /** PATCHes the blob in chunks, then PUTs the digest to finish. */
    void uploadChunked(String repository, URI location, Path file, Digest digest, long chunkSize) throws IOException, InterruptedException {
        long size = java.nio.file.Files.size(file);
        URI at = location;
        for (long offset = 0; offset < size; offset += chunkSize) {
            long length = Math.min(chunkSize, size - offset);
            long from = offset;
            HttpResponse<InputStream> r = send("PATCH", at, pushScope(repository), () -> slice(file, from, length),
                    Map.of("Content-Type", "application/octet-stream",
                            "Content-Range", from + "-" + (from + length - 1)), false);
            try (InputStream body = r.body()) {
                if (r.statusCode() != 202) {
                    throw failure(r, body, "chunk upload of " + digest + " to " + repository);
                }
                at = location(r);
            }
        }
        HttpResponse<InputStream> r = send("PUT", withQuery(at, "digest=" + digest), pushScope(repository),
                HttpRequest.BodyPublishers::noBody, Map.of(), false);
        try (InputStream body = r.body()) {
            if (r.statusCode() != 201) {
                throw failure(r, body, "upload of " + digest + " to " + repository);
            }
        }
    }

    void putManifest(String repository, String reference, byte[] manifest, String mediaType) throws IOException, InterruptedException {
        HttpResponse<InputStream> r = send("PUT", api(repository, "manifests/" + reference), pushScope(repository),
                () -> HttpRequest.BodyPublishers.ofByteArray(manifest), Map.of("Content-Type", mediaType), false);
        try (InputStream body = r.body()) {
            if (r.statusCode() != 201) {
                throw failure(r, body, "manifest " + repository + ":" + reference);
            }
        }
    }

    private URI api(String repository, String rest) {
        return URI.create(endpoint.base() + "/v2/" + repository + "/" + rest);
    }

    private static URI location(HttpResponse<?> r) {
        String loc = r.headers().firstValue("Location").orElseThrow(() -> new ImageException("the registry sent no upload location"));
        return r.uri().resolve(loc);
    }

    private static URI withQuery(URI uri, String query) {
        String s = uri.toString();
        return URI.create(s + (s.contains("?") ? "&" : "?") + query);
    }

    private static HttpRequest.BodyPublisher ofFile(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new ImageException("blob file missing: " + file, e);
        }
    }

    private static HttpRequest.BodyPublisher slice(Path file, long offset, long length) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                InputStream in = java.nio.file.Files.newInputStream(file);
                in.skipNBytes(offset);
                return new BoundedInputStream(in, length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), length);
    }

    /**
     * Sends a request, answering auth challenges, following redirects (without credentials
     * across hosts) and, for idempotent requests, retrying transient failures with backoff.
     */
    private HttpResponse<InputStream> send(String method, URI uri, String scope, @Nullable Supplier<HttpRequest.BodyPublisher> body,
            Map<String, String> headers, boolean idempotent) throws IOException, InterruptedException {
        int attempt = 0;
        int challenges = 0;
        int redirects = 0;
        URI target = uri;
        for (;;) {
            boolean sameHost = Objects.equals(target.getAuthority(), endpoint.host());
            HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(5))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
            headers.forEach(b::header);
            String authorization = sameHost ? auth.header(scope) : null;
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            HttpResponse<InputStream> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (idempotent && attempt < RETRIES) {
                    backoff(attempt++);
                    continue;
                }
                throw new ImageException("cannot reach " + describe(target) + ": " + e, e);
            }
            int status = r.statusCode();
            if (status == 401 && sameHost && challenges < 2) {
                r.body().close();
                challenges++;
                if (auth.answer(r.headers().firstValue("WWW-Authenticate").orElse(null), scope)) {
                    continue;
                }
                return unauthorized(r);
            }
            if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308) && redirects < 10
                    && r.headers().firstValue("Location").isPresent()) {
                r.body().close();
                target = target.resolve(r.headers().firstValue("Location").get());
                redirects++;
                if (status == 303) {
                    method = "GET";
                    body = null;
                }
                continue;
            }
            if ((status == 429 || status == 500 || status == 502 || status == 503 || status == 504) && idempotent && attempt < RETRIES) {
                r.body().close();
                backoff(attempt++);
                continue;
            }
            return r;
        }
    }

    private HttpResponse<InputStream> unauthorized(HttpResponse<InputStream> r) {
        throw new ImageException(registry + " refused access (HTTP 401)" + " to " + describe(r.uri())
                + ": log in (~/.docker/config.json or auth.json) or pass credentials through the API");
    }

    static void backoff(int attempt) throws InterruptedException {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(attempt, 6);
        Thread.sleep(millis + (long) (Math.random() * millis / 2));
    }

    private static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    /** A registry error response as an exception, with the registry's own code and message. */
    private ImageException failure(HttpResponse<?> r, InputStream body, String what) throws IOException {
        String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        StringBuilder detail = new StringBuilder();
        try {
            JsonNode errors = JsonMapper.shared().readTree(text).path("errors");
            for (JsonNode e : errors) {
                detail.append(detail.isEmpty() ? "" : "; ").append(e.path("code").asString("")).append(": ").append(e.path("message").asString(""));
            }
        } catch (RuntimeException notJson) {
            // not a registry error document
        }
        int status = r.statusCode();
        String prefix = switch (status) {
            case 404 -> "not found: ";
            case 401, 403 -> "access denied to ";
            default -> "";
        };
        String message = prefix + what + " at " + registry + " (HTTP " + status + (detail.isEmpty() ? "" : ", " + detail) + ")";
        return status == 404 ? new NotFoundException(message) : new ImageException(message);
    }

    /** The registry has no such manifest or blob. */
    static final class NotFoundException extends ImageException {
        @java.io.Serial private static final long serialVersionUID = 1L;

        NotFoundException(String message) {
            super(message);
        }
    }
}
