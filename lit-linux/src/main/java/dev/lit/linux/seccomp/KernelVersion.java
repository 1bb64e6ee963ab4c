package dev.lit.linux.seccomp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux kernel version, major.minor, as profiles' {@code minKernel} and {@code uname -r} give it.
 *
 * @param major the major version, e.g. 6
 * @param minor the minor version, e.g. 8
 */
public record KernelVersion(int major, int minor) implements Comparable<KernelVersion> {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:[.\\-+_~].*)?");

    /**
     * Checks that neither part is negative.
     *
     * @throws IllegalArgumentException if one is
     */
    public KernelVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("kernel version " + major + "." + minor + " is negative");
        }
    }

    /**
     * Reads "6.8", "4.8.0" or a release such as "6.8.0-51-generic".
     *
     * @param text the version or release string
     * @return the major and minor version
     * @throws IllegalArgumentException if it starts with no {@code MAJOR.MINOR}
     */
    public static KernelVersion parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a kernel version such as 5.10");
        }
        return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * The running kernel's version (from {@code os.version}, which is {@code uname -r} on Linux).
     *
     * @return the version
     */
    public static KernelVersion host() {
        return parse(System.getProperty("os.version", "0.0"));
    }

    @Override
    public int compareTo(KernelVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
