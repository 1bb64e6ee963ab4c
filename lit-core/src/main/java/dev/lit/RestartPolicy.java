package dev.lit;

/**
 * What happens when a detached container's command ends, as Docker's {@code --restart}.
 * Restarts wait 100 ms, doubling up to a minute, back to 100 ms once a run lasted 10 s.
 * {@link DetachedContainer#stop} ends the restarts under every policy.
 */
public sealed interface RestartPolicy {

    /** Never restart (the default). */
    record No() implements RestartPolicy {
        @Override
        public String toString() {
            return "no";
        }
    }

    /**
     * Restart after a non-zero exit or a signal.
     *
     * @param maxRetries at most this many restarts; 0 for no limit
     */
    record OnFailure(int maxRetries) implements RestartPolicy {
        /** Checks the count. */
        public OnFailure {
            if (maxRetries < 0) {
                throw new InvalidSpecException("restart", "on-failure needs a retry count of 0 (no limit) or more, got " + maxRetries);
            }
        }

        @Override
        public String toString() {
            return maxRetries == 0 ? "on-failure" : "on-failure:" + maxRetries;
        }
    }

    /** Restart whenever the command ends, until stopped. */
    record Always() implements RestartPolicy {
        @Override
        public String toString() {
            return "always";
        }
    }

    /**
     * As {@link Always}; Docker distinguishes the two across daemon restarts, and Lit has no
     * daemon, so they behave alike.
     */
    record UnlessStopped() implements RestartPolicy {
        @Override
        public String toString() {
            return "unless-stopped";
        }
    }

    /**
     * Never restart.
     *
     * @return the policy
     */
    static RestartPolicy no() {
        return new No();
    }

    /**
     * Restart after a failure, at most {@code maxRetries} times.
     *
     * @param maxRetries the most restarts; 0 for no limit
     * @return the policy
     */
    static RestartPolicy onFailure(int maxRetries) {
        return new OnFailure(maxRetries);
    }

    /**
     * Restart whenever the command ends.
     *
     * @return the policy
     */
    static RestartPolicy always() {
        return new Always();
    }

    /**
     * Restart whenever the command ends, until stopped.
     *
     * @return the policy
     */
    static RestartPolicy unlessStopped() {
        return new UnlessStopped();
    }

    /**
     * Parses Docker's syntax: {@code no}, {@code on-failure[:N]}, {@code always}, {@code unless-stopped}.
     *
     * @param text the policy as Docker's {@code --restart} takes it
     * @return the policy
     * @throws InvalidSpecException if the text is none of these
     */
    static RestartPolicy parse(String text) {
        String t = text.strip();
        if (t.startsWith("on-failure")) {
            String rest = t.substring("on-failure".length());
            if (rest.isEmpty()) {
                return onFailure(0);
            }
            if (rest.startsWith(":")) {
                try {
                    return onFailure(Integer.parseInt(rest.substring(1)));
                } catch (NumberFormatException e) {
                    throw new InvalidSpecException("restart", "'" + text + "': the retry count after on-failure: must be a number");
                }
            }
        }
        return switch (t) {
            case "no" -> no();
            case "always" -> always();
            case "unless-stopped" -> unlessStopped();
            default -> throw new InvalidSpecException("restart", "'" + text + "' is not a restart policy: use no, on-failure[:N], always or unless-stopped");
        };
    }
}
