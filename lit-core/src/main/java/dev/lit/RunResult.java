package dev.lit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a finished container left: how it ended and, for streams set to
 * {@link Stdio#capture()}, what it wrote.
 *
 * @param id the container's id (for an exec, the container it ran in)
 * @param status how it ended
 * @param stdout captured standard output; empty unless captured
 * @param stderr captured standard error; empty unless captured
 * @param elapsed the time from start to end
 */
public record RunResult(String id, ExitStatus status, byte[] stdout, byte[] stderr, Duration elapsed) {
    /** Copies the byte arrays, so the result cannot change. */
    public RunResult {
        stdout = stdout.clone();
        stderr = stderr.clone();
    }

    /**
     * The exit code as a shell reports it: 128 plus the signal's number when a signal ended it.
     *
     * @return the code
     */
    public int exitCode() {
        return status.code();
    }

    /**
     * Whether the exit code is 0.
     *
     * @return true on success
     */
    public boolean success() {
        return status.success();
    }

    /**
     * Captured standard output.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    /**
     * Captured standard error.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /**
     * Captured standard output as UTF-8 text.
     *
     * @return the text, malformed bytes replaced
     */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /**
     * Captured standard error as UTF-8 text.
     *
     * @return the text, malformed bytes replaced
     */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RunResult[" + id + ", " + status + ", " + stdout.length + " bytes out, " + stderr.length + " bytes err, " + elapsed.toMillis() + " ms]";
    }
}
