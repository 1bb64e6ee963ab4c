package dev.lit;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory in bytes. {@link #parse} reads the forms Docker accepts:
 * a number with an optional unit {@code b, k, m, g, t}, each optionally followed by
 * {@code i} and/or {@code b} ("512M", "1G", "1.5Gi", "64MiB"). Units are binary
 * (1k = 1024), as in Docker and Podman.
 *
 * @param bytes the size in bytes, never negative
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?)(b?)", Pattern.CASE_INSENSITIVE);

    /**
     * Checks that the size is not negative.
     *
     * @throws IllegalArgumentException if it is
     */
    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    /**
     * A size in bytes.
     *
     * @param bytes the size
     * @return the size
     */
    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    /**
     * A size in mebibytes (MiB, 2^20 bytes).
     *
     * @param mebibytes the size
     * @return the size
     * @throws ArithmeticException if it overflows a long in bytes
     */
    public static ByteSize ofMiB(long mebibytes) {
        return new ByteSize(Math.multiplyExact(mebibytes, 1L << 20));
    }

    /**
     * Parses a size such as "512M" or "1.5Gi".
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     * @param text a number, optionally with a fraction, then an optional unit such as k, M, Gi or GB
     * @return the size
     */
    public static ByteSize parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; use a number with an optional unit k, m, g or t (binary), for example 512M, 1G or 1.5Gi");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "" -> 0;
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(2).pow(shift));
        try {
            return new ByteSize(value.setScale(0, java.math.RoundingMode.CEILING).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return (long) value + units[unit];
    }
}
