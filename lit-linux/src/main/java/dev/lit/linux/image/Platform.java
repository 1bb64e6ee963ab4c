package dev.lit.linux.image;

import org.jspecify.annotations.Nullable;

/**
 * An image platform: {@code linux/amd64}, {@code linux/arm64/v8}.
 *
 * @param os the operating system, {@code linux}
 * @param architecture Go's name: {@code amd64}, {@code arm64}, ...
 * @param variant the variant, such as {@code v8}; null for none
 */
public record Platform(String os, String architecture, @Nullable String variant) {

    /**
     * This JVM's platform, named as Go (and so OCI) names it.
     *
     * @return the platform
     */
    public static Platform current() {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "arm" -> "arm";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            case "x86", "i386", "i686" -> "386";
            default -> System.getProperty("os.arch");
        };
        return new Platform("linux", arch, arch.equals("arm64") ? "v8" : null);
    }

    /**
     * Parses {@code os/arch[/variant]}.
     *
     * @param text {@code os/arch} or {@code os/arch/variant}
     * @return the platform
     * @throws ImageException if it has not two or three parts
     */
    public static Platform parse(String text) {
        String[] p = text.split("/");
        if (p.length < 2 || p.length > 3) {
            throw new ImageException("a platform is os/architecture[/variant], as in linux/arm64/v8: " + text);
        }
        return new Platform(p[0], p[1], p.length == 3 ? p[2] : null);
    }

    /**
     * How well a candidate fits: -1 not at all, 1 same os and architecture with no variant
     * named, 2 an exact match. arm64's variant defaults to v8.
     */
    int score(Platform candidate) {
        if (!os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return -1;
        }
        String want = variant;
        String have = candidate.variant;
        if (have == null || have.isEmpty()) {
            return 1;
        }
        if (want == null) {
            return architecture.equals("arm64") && have.equals("v8") ? 2 : 0;
        }
        return want.equals(have) ? 2 : -1;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
