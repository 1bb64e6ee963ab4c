package dev.lit.cli;

import dev.lit.ByteSize;
import dev.lit.ContainerSpec;
import dev.lit.Mount;
import dev.lit.NetworkMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the values of {@code lit run}'s Docker-style flags. Each method throws
 * {@link IllegalArgumentException} with a message that names no flag; the caller adds it.
 */
final class FlagValues {
    private FlagValues() {
    }

    /** {@code --network none|host|bridge|NAME}: a name joins that bridge network (one more, when repeated). */
    static void network(ContainerSpec.Builder builder, String value) {
        switch (value) {
            case "none" -> builder.network(NetworkMode.none());
            case "host" -> builder.network(NetworkMode.host());
            case "bridge" -> builder.network(NetworkMode.DEFAULT_NETWORK);
            default -> builder.network(value);
        }
    }

    /**
     * {@code --env-file FILE}: its assignments in order, as Docker reads them: one {@code KEY=VALUE} or bare
     * {@code KEY} per line, leading blanks ignored, lines starting with {@code #} and blank lines skipped,
     * everything after the first {@code =} taken literally (no quotes, no escapes).
     */
    static List<String> envFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')) : line.stripTrailing();
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": '" + lines.get(i) + "' is not KEY=VALUE or KEY");
            }
            assignments.add(line.contains("=") ? line : key);
        }
        return assignments;
    }

    /**
     * {@code -v SOURCE:CONTAINER[:ro|rw]}: a source starting with {@code /} or {@code .} is a host path
     * (bind mount; relative to the working directory), anything else names a volume (created on first use).
     */
    static Mount volume(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("'" + value + "' is not HOST:CONTAINER[:ro]; anonymous volumes are not supported yet");
        }
        String host = parts[0];
        boolean readOnly = false;
        if (parts.length == 3) {
            readOnly = switch (parts[2]) {
                case "ro" -> true;
                case "rw" -> false;
                default -> throw new IllegalArgumentException("option '" + parts[2] + "' in '" + value + "' is not supported yet: use ro or rw");
            };
        }
        if (!host.startsWith("/") && !host.startsWith(".")) {
            return new Mount.Volume(host, parts[1], readOnly);
        }
        Path source = Path.of(host);
        return readOnly ? Mount.bindReadOnly(source, parts[1]) : Mount.bind(source, parts[1]);
    }

    /** {@code --tmpfs PATH[:size=SIZE]}: an empty memory-backed directory. */
    static Mount tmpfs(String value) {
        int colon = value.indexOf(':');
        String target = colon < 0 ? value : value.substring(0, colon);
        @Nullable ByteSize size = null;
        if (colon >= 0) {
            for (String option : value.substring(colon + 1).split(",")) {
                if (option.startsWith("size=")) {
                    size = ByteSize.parse(option.substring(5));
                } else if (!option.equals("rw") && !option.isEmpty()) {
                    throw new IllegalArgumentException("option '" + option + "' in '" + value + "' is not supported yet: use size=SIZE");
                }
            }
        }
        return new Mount.Tmpfs(target, size);
    }

    static dev.lit.Capability capability(String value) {
        return dev.lit.Capability.parse(value);
    }

    static dev.lit.Security.UserNamespace userNamespace(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "host", "" -> dev.lit.Security.UserNamespace.HOST;
            case "auto" -> dev.lit.Security.UserNamespace.AUTO;
            default -> throw new IllegalArgumentException("'" + value + "' is not a user namespace mode: use host or auto");
        };
    }

    /** Docker's --security-opt forms: seccomp=..., no-new-privileges[=bool], apparmor=..., label=.... */
    static void securityOption(dev.lit.ContainerSpec.Builder builder, String value) {
        int eq = value.indexOf('=');
        String key = eq < 0 ? value : value.substring(0, eq);
        String arg = eq < 0 ? "" : value.substring(eq + 1);
        switch (key) {
            case "seccomp" -> builder.seccomp(switch (arg) {
                case "unconfined" -> new dev.lit.Security.Seccomp.Unconfined();
                case "", "default" -> new dev.lit.Security.Seccomp.Default();
                default -> {
                    java.nio.file.Path file = java.nio.file.Path.of(arg).toAbsolutePath();
                    if (!java.nio.file.Files.isRegularFile(file)) {
                        throw new IllegalArgumentException("seccomp profile " + file + " does not exist");
                    }
                    yield new dev.lit.Security.Seccomp.Profile(file);
                }
            });
            case "no-new-privileges" -> builder.noNewPrivileges(arg.isEmpty() || Boolean.parseBoolean(arg));
            case "apparmor" -> builder.apparmorProfile(arg);
            case "label" -> builder.selinuxLabel(arg);
            default -> throw new IllegalArgumentException("'" + value + "' is not a security option: use seccomp=, no-new-privileges, apparmor= or label=");
        }
    }
}
