package dev.lit.compose;

import dev.lit.InvalidSpecException;
import java.time.Duration;
import java.util.Objects;

/**
 * A readiness check and its pacing: the check is tried every {@code interval}, each try
 * given at most {@code timeout}; after {@code retries} failed tries the service has failed
 * to start. A service that ends while it is checked has failed at once.
 *
 * @param check    what is checked
 * @param interval the pause between tries
 * @param timeout  the most one try may take
 * @param retries  how many tries fail before the service does, at least 1
 */
public record Readiness(ReadinessCheck check, Duration interval, Duration timeout, int retries) {
    /** Half a second between tries. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    /** A try may take 2 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** 120 tries: a minute at the default interval. */
    public static final int DEFAULT_RETRIES = 120;

    /** Checks that the pacing makes sense: durations above zero, at least one try. */
    public Readiness {
        Objects.requireNonNull(check, "check");
        requirePositive("ready.interval", interval);
        requirePositive("ready.timeout", timeout);
        if (retries < 1) {
            throw new InvalidSpecException("ready.retries", "must be at least 1, got " + retries);
        }
    }

    /**
     * A check with the default pacing.
     *
     * @param check what is checked
     * @return the check every {@value #DEFAULT_RETRIES} times, {@link #DEFAULT_INTERVAL} apart
     */
    public static Readiness of(ReadinessCheck check) {
        return new Readiness(check, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_RETRIES);
    }

    /**
     * This readiness with another pause between tries.
     *
     * @param value the pause
     * @return a new readiness
     */
    public Readiness withInterval(Duration value) {
        return new Readiness(check, value, timeout, retries);
    }

    /**
     * This readiness with another limit per try.
     *
     * @param value the most one try may take
     * @return a new readiness
     */
    public Readiness withTimeout(Duration value) {
        return new Readiness(check, interval, value, retries);
    }

    /**
     * This readiness with another number of tries.
     *
     * @param value how many tries fail before the service does
     * @return a new readiness
     */
    public Readiness withRetries(int value) {
        return new Readiness(check, interval, timeout, value);
    }

    /**
     * How long a log check waits for its line (its tries cost nothing).
     *
     * @return {@code retries} times {@code interval}
     */
    public Duration deadline() {
        return interval.multipliedBy(retries);
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidSpecException(field, "must be longer than zero, got " + value);
        }
    }
}
