package dev.lit.linux.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Credentials from the files Docker and Podman write: {@code $REGISTRY_AUTH_FILE},
 * {@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code ~/.docker/config.json} (or
 * {@code $DOCKER_CONFIG/config.json}), first match wins. Only inline {@code auth} entries
 * are read; credential helpers ({@code credsStore}, {@code credHelpers}) are not run.
 */
public final class AuthFiles {
    private final List<Path> files;

    /**
     * Reads these files, in this order; missing ones are skipped.
     *
     * @param files the auth files
     */
    public AuthFiles(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /**
     * The usual files for this process's environment.
     *
     * @return the files, most specific first
     */
    public static AuthFiles standard() {
        List<Path> files = new ArrayList<>();
        String explicit = System.getenv("REGISTRY_AUTH_FILE");
        if (explicit != null && !explicit.isBlank()) {
            files.add(Path.of(explicit));
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            files.add(Path.of(runtime, "containers", "auth.json"));
        }
        String dockerConfig = System.getenv("DOCKER_CONFIG");
        if (dockerConfig != null && !dockerConfig.isBlank()) {
            files.add(Path.of(dockerConfig, "config.json"));
        }
        files.add(Path.of(System.getProperty("user.home"), ".docker", "config.json"));
        return new AuthFiles(files);
    }

    /**
     * The credentials for a registry from the first file that has an entry for it.
     *
     * @param registry host[:port], {@code docker.io} for Docker Hub
     * @return the credentials, or null when no file has any
     */
    public @Nullable Credentials lookup(String registry) {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                JsonNode auths = JsonMapper.shared().readTree(Files.readString(file)).path("auths");
                for (String key : auths.propertyNames()) {
                    if (matches(key, registry)) {
                        Credentials c = decode(auths.get(key));
                        if (c != null) {
                            return c;
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new ImageException("cannot read registry credentials from " + file + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    private static boolean matches(String key, String registry) {
        String k = key.replaceFirst("^[a-z]+://", "");
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        if (registry.equals(ImageReference.DOCKER_HUB)) {
            return k.equals("docker.io") || k.equals("index.docker.io") || k.equals("registry-1.docker.io");
        }
        return k.equals(registry);
    }

    private static @Nullable Credentials decode(JsonNode entry) {
        String auth = entry.path("auth").asString("");
        if (!auth.isEmpty()) {
            String plain = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon > 0) {
                return new Credentials(plain.substring(0, colon), plain.substring(colon + 1));
            }
        }
        String user = entry.path("username").asString("");
        String password = entry.path("password").asString("");
        return user.isEmpty() ? null : new Credentials(user, password);
    }
}
