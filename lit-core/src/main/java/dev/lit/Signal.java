package dev.lit;

import java.util.Optional;

/**
 * The signals a caller sends to a container, with their Linux numbers (x86_64 and aarch64 agree on
 * these). Each constant is the signal of the same name in signal(7).
 */
@SuppressWarnings("doclint:missing") // the constants are signal(7)'s names; a comment each would repeat the man page
public enum Signal {
    SIGHUP(1), SIGINT(2), SIGQUIT(3), SIGILL(4), SIGTRAP(5), SIGABRT(6), SIGBUS(7), SIGFPE(8),
    SIGKILL(9), SIGUSR1(10), SIGSEGV(11), SIGUSR2(12), SIGPIPE(13), SIGALRM(14), SIGTERM(15),
    SIGCHLD(17), SIGCONT(18), SIGSTOP(19), SIGTSTP(20), SIGTTIN(21), SIGTTOU(22), SIGURG(23),
    SIGXCPU(24), SIGXFSZ(25), SIGVTALRM(26), SIGPROF(27), SIGWINCH(28), SIGIO(29), SIGPWR(30), SIGSYS(31);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /**
     * The signal's Linux number.
     *
     * @return the number, as kill(2) takes it
     */
    public int number() {
        return number;
    }

    /**
     * Looks a signal up by its Linux number.
     *
     * @param number the number
     * @return the signal, or empty if none of these has that number
     */
    public static Optional<Signal> of(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads "TERM", "SIGTERM" or "15".
     *
     * @param text the name, with or without SIG, any case, or the number
     * @return the signal
     * @throws IllegalArgumentException if it names no signal
     */
    public static Signal parse(String text) {
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return of(Integer.parseInt(t)).orElseThrow(() -> new IllegalArgumentException("no signal numbered " + text));
        }
        try {
            return valueOf(t.startsWith("SIG") ? t : "SIG" + t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a signal name such as TERM or KILL");
        }
    }
}
