package dev.lit.linux.image;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which endpoints serve a registry and how Lit may talk to them. Plain HTTP is used only for
 * loopback registries and those marked insecure; everything else is HTTPS. Mirrors are tried
 * before the registry itself when pulling. Read from {@code registries.json} under the Lit root:
 *
 * <pre>{@code
 * {"registries": {"docker.io": {"mirrors": ["mirror.local:5000"]},
 *                 "mirror.local:5000": {"insecure": true}},
 *  "credentials": {"ghcr.io": {"username": "me", "password": "token"}}}
 * }</pre>
 *
 * @param registries per registry (host[:port]), its mirrors and whether it is insecure
 * @param credentials per registry, the user and password to log in with
 */
public record RegistryConfig(Map<String, Registry> registries, Map<String, Credentials> credentials) {
    /** The file's name under the Lit root. */
    public static final String FILE_NAME = "registries.json";
    private static final String DOCKER_HUB_API = "registry-1.docker.io";

    /**
     * One registry's settings.
     *
     * @param mirrors mirrors (host[:port]) tried first when pulling
     * @param insecure true to speak plain HTTP to it
     */
    public record Registry(List<String> mirrors, boolean insecure) {
        /** Copies the mirror list. */
        public Registry {
            mirrors = List.copyOf(mirrors);
        }
    }

    /**
     * Where to send requests: host[:port] and whether to use plain HTTP.
     *
     * @param host host[:port]
     * @param plainHttp true for HTTP, false for HTTPS
     */
    public record Endpoint(String host, boolean plainHttp) {
        /**
         * The URI requests are relative to.
         *
         * @return {@code http://host} or {@code https://host}
         */
        public URI base() {
            return URI.create((plainHttp ? "http://" : "https://") + host);
        }
    }

    /** Copies the maps. */
    public RegistryConfig {
        registries = Map.copyOf(registries);
        credentials = Map.copyOf(credentials);
    }

    /**
     * No settings: HTTPS everywhere, no mirrors, no credentials.
     *
     * @return the config
     */
    public static RegistryConfig empty() {
        return new RegistryConfig(Map.of(), Map.of());
    }

    /**
     * Reads {@code registries.json} in {@code root}; an absent file is an empty config.
     *
     * @param root the Lit root
     * @return the config
     * @throws ImageException if the file exists but cannot be read
     */
    public static RegistryConfig load(Path root) {
        Path file = root.resolve(FILE_NAME);
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException | RuntimeException e) {
            throw new ImageException("cannot read the registry config " + file + ": " + e.getMessage(), e);
        }
    }

    static RegistryConfig parse(String json) {
        JsonNode tree = JsonMapper.shared().readTree(json);
        Map<String, Registry> registries = new HashMap<>();
        JsonNode regs = tree.path("registries");
        for (String name : regs.propertyNames()) {
            JsonNode r = regs.get(name);
            List<String> mirrors = new ArrayList<>();
            r.path("mirrors").forEach(m -> mirrors.add(m.asString()));
            registries.put(name, new Registry(mirrors, r.path("insecure").asBoolean(false)));
        }
        Map<String, Credentials> creds = new HashMap<>();
        JsonNode c = tree.path("credentials");
        for (String name : c.propertyNames()) {
            creds.put(name, new Credentials(c.get(name).path("username").asString(), c.get(name).path("password").asString()));
        }
        return new RegistryConfig(registries, creds);
    }

    /**
     * A copy with one registry's settings replaced.
     *
     * @param name the registry, host[:port]
     * @param registry its settings
     * @return the config
     */
    public RegistryConfig withRegistry(String name, Registry registry) {
        Map<String, Registry> copy = new HashMap<>(registries);
        copy.put(name, registry);
        return new RegistryConfig(copy, credentials);
    }

    /**
     * A copy with one registry's credentials replaced.
     *
     * @param registry the registry, host[:port]
     * @param c the credentials
     * @return the config
     */
    public RegistryConfig withCredentials(String registry, Credentials c) {
        Map<String, Credentials> copy = new HashMap<>(credentials);
        copy.put(registry, c);
        return new RegistryConfig(registries, copy);
    }

    /**
     * The credentials set for a registry here (auth files are consulted elsewhere).
     *
     * @param registry the registry, host[:port]
     * @return the credentials, or null
     */
    public @Nullable Credentials credentialsFor(String registry) {
        return credentials.get(registry);
    }

    /**
     * The endpoints to pull from, mirrors first, then the registry itself.
     *
     * @param registry the registry, host[:port]
     * @return the endpoints, in the order to try them
     */
    public List<Endpoint> pullEndpoints(String registry) {
        List<Endpoint> out = new ArrayList<>();
        Registry r = registries.get(registry);
        if (r != null) {
            for (String mirror : r.mirrors()) {
                out.add(endpoint(stripScheme(mirror)));
            }
        }
        out.add(pushEndpoint(registry));
        return out;
    }

    /**
     * The registry's own endpoint (Docker Hub's API host for docker.io).
     *
     * @param registry the registry, host[:port]
     * @return the endpoint
     */
    public Endpoint pushEndpoint(String registry) {
        return endpoint(registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_API : registry);
    }

    private Endpoint endpoint(String host) {
        Registry r = registries.get(host);
        return new Endpoint(host, (r != null && r.insecure()) || isLoopback(host));
    }

    private static String stripScheme(String s) {
        String t = s.replaceFirst("^[a-z]+://", "");
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    /** localhost, 127.0.0.0/8 and ::1, with or without a port. */
    static boolean isLoopback(String hostPort) {
        String host = hostPort;
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']'));
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // never resolve names here: only literal loopback addresses qualify
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
