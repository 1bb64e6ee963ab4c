package dev.lit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a finished container left: how it ended and, for streams set to
 * {@link Stdio#capture()}, what it wrote.
 */
public record RunResult(String id, ExitStatus status, byte[] stdout, byte[] stderr, Duration elapsed) {
    public RunResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    public int exitCode() {
        return status.code();
    }

    public boolean success() {
        return status.success();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /** Captured standard output as UTF-8 text. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Captured standard error as UTF-8 text. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RunResult[" + id + ", " + status + ", " + stdout.length + " bytes out, " + stderr.length + " bytes err, " + elapsed.toMillis() + " ms]";
    }
}
