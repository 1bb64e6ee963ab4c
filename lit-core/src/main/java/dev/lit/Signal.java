package dev.lit;

import java.util.Optional;

/** The signals a caller sends to a container, with their Linux numbers (x86_64 and aarch64 agree on these). */
public enum Signal {
    SIGHUP(1), SIGINT(2), SIGQUIT(3), SIGILL(4), SIGTRAP(5), SIGABRT(6), SIGBUS(7), SIGFPE(8),
    SIGKILL(9), SIGUSR1(10), SIGSEGV(11), SIGUSR2(12), SIGPIPE(13), SIGALRM(14), SIGTERM(15),
    SIGCHLD(17), SIGCONT(18), SIGSTOP(19), SIGTSTP(20), SIGTTIN(21), SIGTTOU(22), SIGURG(23),
    SIGXCPU(24), SIGXFSZ(25), SIGVTALRM(26), SIGPROF(27), SIGWINCH(28), SIGIO(29), SIGPWR(30), SIGSYS(31);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Optional<Signal> of(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Reads "TERM", "SIGTERM" or "15". */
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
