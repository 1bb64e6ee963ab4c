package dev.lit.linux.stdio;

import dev.lit.LitException;
import dev.lit.Stdio;
import dev.lit.linux.ffm.FdInputStream;
import dev.lit.linux.ffm.FdOutputStream;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.tty.Pty;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's side of a container's standard streams: pipes where the spec asks for them,
 * /dev/null or the JVM's own streams otherwise, and the threads that copy data in and out.
 * Pumps run on platform threads: they block in read(2) through FFM, which would pin a
 * virtual thread's carrier.
 */
public final class StdioConnection implements AutoCloseable {
    private final Stdio stdio;
    private final List<Libc.FileAction> actions = new ArrayList<>();
    private final List<Integer> childEnds = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    private @Nullable FdOutputStream stdin;
    private @Nullable FdInputStream stdout;
    private @Nullable FdInputStream stderr;
    private @Nullable Pty pty;
    private final ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();

    private StdioConnection(Stdio stdio) {
        this.stdio = stdio;
    }

    public static StdioConnection open(Stdio stdio) {
        return open(stdio, Pty::openOnHost);
    }

    /** As {@link #open(Stdio)}; a {@link Stdio#tty() terminal} comes from {@code terminals}. */
    public static StdioConnection open(Stdio stdio, Supplier<Pty> terminals) {
        StdioConnection c = new StdioConnection(stdio);
        try {
            if (stdio.isTerminal()) {
                c.pty = terminals.get();
                int end = c.pty.openTerminalEnd();
                c.childEnds.add(end);
                for (int slot = 0; slot < 3; slot++) {
                    c.actions.add(new Libc.FileAction.Dup(end, slot));
                }
                return c;
            }
            c.connectInput(stdio.stdin());
            c.stdout = c.connectOutput(stdio.stdout(), 1);
            c.stderr = c.connectOutput(stdio.stderr(), 2);
            return c;
        } catch (RuntimeException e) {
            c.closeChildEnds();
            c.close();
            throw e;
        }
    }

    private void connectInput(Stdio.Input in) {
        switch (in) {
            case Stdio.Input.Inherit i -> {
            }
            case Stdio.Input.Empty e -> actions.add(new Libc.FileAction.Open(0, "/dev/null", Libc.O_RDONLY));
            case Stdio.Input.Bytes b -> stdin = pipeInto();
            case Stdio.Input.Stream s -> stdin = pipeInto();
            case Stdio.Input.Pipe p -> stdin = pipeInto();
            case Stdio.Input.Terminal t -> throw new IllegalStateException("a terminal is connected as a whole");
        }
    }

    private FdOutputStream pipeInto() {
        int[] p = Libc.pipe();
        childEnds.add(p[0]);
        actions.add(new Libc.FileAction.Dup(p[0], 0));
        return new FdOutputStream(p[1]);
    }

    private @Nullable FdInputStream connectOutput(Stdio.Output out, int slot) {
        return switch (out) {
            case Stdio.Output.Inherit i -> null;
            case Stdio.Output.Discard d -> {
                actions.add(new Libc.FileAction.Open(slot, "/dev/null", Libc.O_WRONLY));
                yield null;
            }
            case Stdio.Output.Capture c -> pipeFrom(slot);
            case Stdio.Output.Pipe p -> pipeFrom(slot);
            case Stdio.Output.Lines l -> pipeFrom(slot);
            case Stdio.Output.Terminal t -> throw new IllegalStateException("a terminal is connected as a whole");
        };
    }

    private FdInputStream pipeFrom(int slot) {
        int[] p = Libc.pipe();
        childEnds.add(p[1]);
        actions.add(new Libc.FileAction.Dup(p[1], slot));
        return new FdInputStream(p[0]);
    }

    /** What the helper's stdio descriptors become. */
    public List<Libc.FileAction> fileActions() {
        return List.copyOf(actions);
    }

    /** Closes the container's ends in the JVM once the helper holds them, so end of file can arrive. */
    public void closeChildEnds() {
        childEnds.forEach(Libc::close);
        childEnds.clear();
    }

    /** Starts the threads that feed stdin and drain outputs the caller does not read itself. */
    public void startPumps(String id) {
        switch (stdio.stdin()) {
            case Stdio.Input.Bytes b -> pump("lit-stdin-" + id, () -> feed(new java.io.ByteArrayInputStream(b.data())));
            case Stdio.Input.Stream s -> pump("lit-stdin-" + id, () -> {
                try (InputStream source = s.source().get()) {
                    feed(source);
                } catch (IOException e) {
                    // the source failed: the container sees end of file
                }
            });
            default -> {
            }
        }
        drain("lit-stdout-" + id, stdio.stdout(), stdout, capturedOut);
        drain("lit-stderr-" + id, stdio.stderr(), stderr, capturedErr);
    }

    private void feed(InputStream source) {
        OutputStream sink = stdin;
        if (sink == null) {
            return;
        }
        try (sink) {
            source.transferTo(sink);
        } catch (IOException e) {
            // the container closed its stdin: nothing more to do
        }
    }

    private void drain(String name, Stdio.Output mode, @Nullable FdInputStream from, ByteArrayOutputStream capture) {
        if (from == null) {
            return;
        }
        switch (mode) {
            case Stdio.Output.Capture c -> pump(name, () -> {
                try {
                    byte[] chunk = new byte[65536];
                    int n;
                    while ((n = from.read(chunk, 0, chunk.length)) > 0) {
                        synchronized (capture) {
                            capture.write(chunk, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            case Stdio.Output.Lines l -> pump(name, () -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        try {
                            l.consumer().accept(line);
                        } catch (RuntimeException e) {
                            // a failing consumer must not stop the drain, or the container would block on a full pipe
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            default -> {
            }
        }
    }

    private void pump(String name, Runnable body) {
        pumps.add(Thread.ofPlatform().daemon().name(name).start(body));
    }

    /** Waits for the output pumps to reach end of file; false if they are still running after the timeout. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : pumps) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    public byte[] capturedStdout() {
        synchronized (capturedOut) {
            return capturedOut.toByteArray();
        }
    }

    public byte[] capturedStderr() {
        synchronized (capturedErr) {
            return capturedErr.toByteArray();
        }
    }

    /** Sets the terminal's window size. */
    public void resizeTerminal(int columns, int rows) {
        if (pty == null) {
            throw new IllegalStateException("no terminal: start with .stdio(Stdio.tty()) to get one");
        }
        pty.resize(columns, rows);
    }

    public OutputStream stdin() {
        if (pty != null) {
            return pty.input();
        }
        if (!(stdio.stdin() instanceof Stdio.Input.Pipe) || stdin == null) {
            throw new IllegalStateException("stdin is not a pipe: set .stdin(Stdio.pipeInput()) to write to it");
        }
        return stdin;
    }

    public InputStream stdout() {
        if (pty != null) {
            return pty.output();
        }
        if (!(stdio.stdout() instanceof Stdio.Output.Pipe) || stdout == null) {
            throw new IllegalStateException("stdout is not a pipe: set .stdout(Stdio.pipe()) to read it");
        }
        return stdout;
    }

    public InputStream stderr() {
        if (pty != null) {
            throw new IllegalStateException("on a terminal, errors arrive with the output: read stdout()");
        }
        if (!(stdio.stderr() instanceof Stdio.Output.Pipe) || stderr == null) {
            throw new IllegalStateException("stderr is not a pipe: set .stderr(Stdio.pipe()) to read it");
        }
        return stderr;
    }

    /** Closes the JVM's ends. A pump blocked in read ends when the container's side closes. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (AutoCloseable end : new AutoCloseable[] {stdin, stdout, stderr, pty}) {
            if (end == null) {
                continue;
            }
            try {
                end.close();
            } catch (Exception e) {
                failures.add(new LitException("cannot close a stdio pipe: " + e.getMessage(), e));
            }
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }
}
