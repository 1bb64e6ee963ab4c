package dev.lit.linux.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an image's config blob says: the defaults a container inherits and the layers' diff IDs
 * (digests of the uncompressed tars, bottom first).
 *
 * @param platform the OS and architecture the image is for
 * @param entrypoint the Entrypoint
 * @param cmd the Cmd
 * @param env the Env, as {@code KEY=VALUE}
 * @param workingDir the WorkingDir, or null
 * @param user the User, by name or id, or null
 * @param exposedPorts the ExposedPorts keys, such as {@code 80/tcp}
 * @param diffIds the layers' diff IDs, bottom first
 */
public record ImageConfig(Platform platform, List<String> entrypoint, List<String> cmd, List<String> env,
        @Nullable String workingDir, @Nullable String user, List<String> exposedPorts, List<Digest> diffIds) {

    /** Copies the lists. */
    public ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        exposedPorts = List.copyOf(exposedPorts);
        diffIds = List.copyOf(diffIds);
    }

    /**
     * Reads a config blob.
     *
     * @param json the blob
     * @return the config
     * @throws ImageException if it is not valid JSON
     */
    public static ImageConfig parse(byte[] json) {
        JsonNode tree;
        try {
            tree = JsonMapper.shared().readTree(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ImageException("the image config is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode c = tree.path("config");
        List<Digest> diffIds = new ArrayList<>();
        tree.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(Digest.parse(d.asString())));
        List<String> ports = new ArrayList<>(c.path("ExposedPorts").propertyNames());
        String workdir = c.path("WorkingDir").asString("");
        String user = c.path("User").asString("");
        return new ImageConfig(
                new Platform(tree.path("os").asString("linux"), tree.path("architecture").asString(""),
                        tree.path("variant").isString() ? tree.path("variant").asString() : null),
                strings(c.path("Entrypoint")), strings(c.path("Cmd")), strings(c.path("Env")),
                workdir.isEmpty() ? null : workdir, user.isEmpty() ? null : user, ports, diffIds);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
