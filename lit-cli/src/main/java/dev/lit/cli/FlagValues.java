package dev.lit.cli;

import dev.lit.ByteSize;
import dev.lit.Mount;
import dev.lit.NetworkMode;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads the values of {@code lit run}'s Docker-style flags. Each method throws
 * {@link IllegalArgumentException} with a message that names no flag; the caller adds it.
 */
final class FlagValues {
    private FlagValues() {
    }

    /** {@code --network none|host}. */
    static NetworkMode network(String value) {
        return switch (value) {
            case "none" -> NetworkMode.none();
            case "host" -> NetworkMode.host();
            default -> throw new IllegalArgumentException("'" + value + "' is not supported yet: use none (the default: loopback only) or host");
        };
    }

    /** {@code -v HOST:CONTAINER[:ro|rw]}: a bind mount; a relative host path resolves against the working directory. */
    static Mount volume(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("'" + value + "' is not HOST:CONTAINER[:ro]; anonymous volumes are not supported yet");
        }
        String host = parts[0];
        if (!host.startsWith("/") && !host.startsWith(".")) {
            throw new IllegalArgumentException("'" + host + "' would be a named volume, which Lit does not support yet: "
                    + "give a host path, absolute or starting with ./");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            readOnly = switch (parts[2]) {
                case "ro" -> true;
                case "rw" -> false;
                default -> throw new IllegalArgumentException("option '" + parts[2] + "' in '" + value + "' is not supported yet: use ro or rw");
            };
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
}
