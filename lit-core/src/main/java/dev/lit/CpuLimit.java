package dev.lit;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A cpu bandwidth limit in thousandths of a cpu. {@link #parse} reads the forms Docker's
 * {@code --cpus} and Kubernetes take: "2", "0.5", "500m".
 *
 * @param millicpus thousandths of a cpu; 1000 is one cpu
 */
public record CpuLimit(long millicpus) {
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d{1,3})?");
    private static final Pattern MILLIS = Pattern.compile("\\d+m");

    /**
     * Checks that the limit is positive.
     *
     * @throws IllegalArgumentException if it is not
     */
    public CpuLimit {
        if (millicpus <= 0) {
            throw new IllegalArgumentException("a cpu limit must be positive: " + millicpus + "m");
        }
    }

    /**
     * A limit in cpus, rounded to a thousandth.
     *
     * @param cpus the number of cpus, such as 0.5
     * @return the limit
     */
    public static CpuLimit ofCpus(double cpus) {
        return new CpuLimit(Math.round(cpus * 1000));
    }

    /**
     * Parses "2", "0.5" or "500m".
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     * @param text cpus, possibly fractional, or millicpus with an {@code m} suffix
     * @return the limit
     */
    public static CpuLimit parse(String text) {
        String t = text.strip();
        long millis;
        if (MILLIS.matcher(t).matches()) {
            millis = Long.parseLong(t.substring(0, t.length() - 1));
        } else if (DECIMAL.matcher(t).matches()) {
            millis = new BigDecimal(t).movePointRight(3).longValueExact();
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a cpu amount; use cpus such as 2 or 0.5, or millicpus such as 500m");
        }
        if (millis <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a positive cpu amount");
        }
        return new CpuLimit(millis);
    }

    /**
     * The limit as a CFS quota for the given period, both in microseconds.
     *
     * @param periodMicros the CFS period
     * @return the quota: the cpu time the container may use per period
     */
    public long quotaMicros(long periodMicros) {
        return Math.max(1000, millicpus * periodMicros / 1000);
    }

    @Override
    public String toString() {
        return millicpus % 1000 == 0 ? Long.toString(millicpus / 1000) : millicpus + "m";
    }
}
