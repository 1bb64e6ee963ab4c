package dev.lit.testcontainers;

/**
 * What {@link LitContainer#execInContainer(String...)} returns, with Testcontainers' getter names.
 *
 * @param exitCode the command's exit code (128 + N when signal N ended it)
 * @param stdout   everything it wrote to stdout
 * @param stderr   everything it wrote to stderr
 */
public record ExecResult(int exitCode, String stdout, String stderr) {
    /**
     * The command's exit code.
     *
     * @return the exit code
     */
    public int getExitCode() {
        return exitCode;
    }

    /**
     * Its standard output.
     *
     * @return stdout as text
     */
    public String getStdout() {
        return stdout;
    }

    /**
     * Its standard error.
     *
     * @return stderr as text
     */
    public String getStderr() {
        return stderr;
    }
}
