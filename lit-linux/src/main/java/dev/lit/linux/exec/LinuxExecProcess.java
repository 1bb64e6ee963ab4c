package dev.lit.linux.exec;

import dev.lit.ExecProcess;
import dev.lit.ExitStatus;
import dev.lit.RunResult;
import dev.lit.Signal;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.process.ProcessExit;
import dev.lit.linux.stdio.StdioConnection;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A command exec'd into a container: a child of this JVM, watched through its pidfd by a platform thread. */
public final class LinuxExecProcess implements ExecProcess {
    private final String containerId;
    private final int pidfd;
    private final long pid;
    private final StdioConnection stdio;
    private final long startedNanos = System.nanoTime();
    private final ProcessExit exit;
    private volatile long endedNanos;
    private boolean closed;

    LinuxExecProcess(String containerId, int pidfd, StdioConnection stdio) {
        this.containerId = containerId;
        this.exit = new ProcessExit("an exec in container " + containerId);
        this.pidfd = pidfd;
        this.pid = pidOf(pidfd);
        this.stdio = stdio;
        Thread.ofPlatform().daemon().name("lit-exec-wait-" + containerId).start(() -> {
            try {
                Libc.ChildStatus s = Libc.waitPidfd(pidfd);
                endedNanos = System.nanoTime();
                exit.complete(s.exited() ? new ExitStatus.Exited(s.status()) : new ExitStatus.Signaled(s.status()));
            } catch (RuntimeException e) {
                exit.fail(e);
            }
        });
    }

    /** The pid behind a pidfd, from /proc/self/fdinfo. */
    private static long pidOf(int pidfd) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/fdinfo/" + pidfd))) {
                if (line.startsWith("Pid:")) {
                    return Long.parseLong(line.substring(4).strip());
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // fall through
        }
        return -1;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public ExitStatus waitFor() throws InterruptedException {
        return exit.waitFor();
    }

    @Override
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        return exit.waitFor(timeout);
    }

    @Override
    public CompletableFuture<ExitStatus> onExit() {
        return exit.onExit();
    }

    @Override
    public RunResult result() throws InterruptedException {
        ExitStatus status = waitFor();
        stdio.awaitDrained(Duration.ofSeconds(10));
        return new RunResult(containerId, status, stdio.capturedStdout(), stdio.capturedStderr(), Duration.ofNanos(endedNanos - startedNanos));
    }

    @Override
    public void kill(Signal signal) {
        if (!exit.isDone()) {
            Libc.pidfdSendSignal(pidfd, signal.number());
        }
    }

    @Override
    public OutputStream stdin() {
        return stdio.stdin();
    }

    @Override
    public InputStream stdout() {
        return stdio.stdout();
    }

    @Override
    public InputStream stderr() {
        return stdio.stderr();
    }

    @Override
    public void resizeTty(int columns, int rows) {
        stdio.resizeTerminal(columns, rows);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        kill(Signal.SIGKILL);
        try {
            exit.awaitQuietly(Duration.ofSeconds(10));
            stdio.awaitDrained(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stdio.close();
        Libc.close(pidfd);
    }

    @Override
    public String toString() {
        return "LinuxExecProcess[" + containerId + ", pid " + pid + (exit.isDone() ? ", ended" : ", running") + "]";
    }
}
