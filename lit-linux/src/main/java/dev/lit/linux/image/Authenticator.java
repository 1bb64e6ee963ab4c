package dev.lit.linux.image;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a registry's {@code WWW-Authenticate} challenges: Bearer (a token from the realm,
 * anonymous or with credentials sent as basic auth to the token endpoint) or Basic. Tokens
 * are cached per scope for the session.
 */
final class Authenticator {
    private final HttpClient http;
    private final String registry;
    private final @Nullable Credentials credentials;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile boolean basic;

    Authenticator(HttpClient http, String registry, @Nullable Credentials credentials) {
        this.http = http;
        this.registry = registry;
        this.credentials = credentials;
    }

    /** The Authorization header value to send for {@code scope}, or null. */
    @Nullable String header(String scope) {
        String token = tokens.get(scope);
        if (token != null) {
            return "Bearer " + token;
        }
        if (basic && credentials != null) {
            return basicHeader(credentials);
        }
        return null;
    }

    /**
     * Handles a 401: fetches a token or switches to basic auth. Returns false when the
     * challenge cannot be met (so the 401 stands).
     */
    boolean answer(@Nullable String wwwAuthenticate, String scope) throws IOException, InterruptedException {
        Challenge c = Challenge.parse(wwwAuthenticate);
        if (c == null) {
            return false;
        }
        switch (c.scheme()) {
            case "basic" -> {
                if (credentials == null || basic) {
                    return false;
                }
                basic = true;
                return true;
            }
            case "bearer" -> {
                if (tokens.containsKey(scope)) {
                    tokens.remove(scope); // expired or insufficient: one fresh try
                }
                String token = fetchToken(c, scope);
                tokens.put(scope, token);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private String fetchToken(Challenge c, String scope) throws IOException, InterruptedException {
        String realm = c.params().get("realm");
        if (realm == null) {
            throw new ImageException(registry + " asked for a bearer token but named no realm");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        String service = c.params().get("service");
        if (service != null) {
            url.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8)).append('&');
        }
        String wanted = c.params().getOrDefault("scope", scope);
        url.append("scope=").append(URLEncoder.encode(wanted, StandardCharsets.UTF_8));
        URI uri = URI.create(url.toString());
        if (!uri.getScheme().equals("https") && !RegistryConfig.isLoopback(uri.getAuthority())) {
            if (credentials != null) {
                throw new ImageException("refusing to send credentials for " + registry + " to the plain-HTTP token realm " + realm);
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (credentials != null) {
            request.header("Authorization", basicHeader(credentials));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new ImageException("the token service " + realm + " refused " + (credentials == null ? "anonymous access" : "the credentials of " + credentials.username())
                    + " to " + wanted + " (HTTP " + response.statusCode() + ")" + (credentials == null ? "; log in or pass credentials" : ""));
        }
        if (response.statusCode() != 200) {
            throw new ImageException("the token service " + realm + " answered HTTP " + response.statusCode());
        }
        JsonNode body = JsonMapper.shared().readTree(response.body());
        String token = body.path("token").asString("");
        if (token.isEmpty()) {
            token = body.path("access_token").asString("");
        }
        if (token.isEmpty()) {
            throw new ImageException("the token service " + realm + " returned no token");
        }
        return token;
    }

    private static String basicHeader(Credentials c) {
        return "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }
}
