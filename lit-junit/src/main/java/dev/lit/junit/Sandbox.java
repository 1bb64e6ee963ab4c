package dev.lit.junit;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.SpecSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A test's own place to run containers: each one starts from the spec its {@link LitSandbox}
 * describes, and every container started here is closed (killed and removed) when the test ends,
 * however it ends. Thread-safe, so a harness may start containers from several threads.
 */
public final class Sandbox {
    private final Supplier<ContainerSpec.Builder> template;
    private final List<Container> started = new ArrayList<>();
    private boolean closed;

    Sandbox(Supplier<ContainerSpec.Builder> template) {
        this.template = template;
    }

    /**
     * A fresh builder holding this sandbox's spec, to change and pass to {@link #start(SpecSource)} or {@link #run(SpecSource)}.
     *
     * @return a new builder
     */
    public ContainerSpec.Builder builder() {
        return template.get();
    }

    /**
     * Runs {@code command} in a new container to its end and returns its status and captured output.
     *
     * @param command the command and its arguments
     * @return its status and output
     * @throws InterruptedException when interrupted while it runs
     */
    public RunResult run(String... command) throws InterruptedException {
        return run(builder().command(command));
    }

    /**
     * Runs {@code spec} to its end; the container is gone when this returns.
     *
     * @param spec what to run
     * @return its status and output
     * @throws InterruptedException when interrupted while it runs
     */
    public RunResult run(SpecSource spec) throws InterruptedException {
        try (Container container = start(spec)) {
            return container.result();
        }
    }

    /**
     * Starts {@code command} in a new container that the test may talk to; it is removed after the test at the latest.
     *
     * @param command the command and its arguments
     * @return the running container
     */
    public Container start(String... command) {
        return start(builder().command(command));
    }

    /**
     * Starts {@code spec}; the container is removed after the test at the latest.
     *
     * @param spec what to start
     * @return the running container
     */
    public Container start(SpecSource spec) {
        synchronized (started) {
            if (closed) {
                throw new IllegalStateException("this sandbox belongs to a test that has ended");
            }
            Container container = Lit.start(spec);
            started.add(container);
            return container;
        }
    }

    /**
     * The containers started here so far, running or not.
     *
     * @return the containers, in the order they started
     */
    public List<Container> containers() {
        synchronized (started) {
            return List.copyOf(started);
        }
    }

    /** Closes every container started here; the first failure is thrown after all were tried. */
    void close() {
        List<Container> toClose;
        synchronized (started) {
            closed = true;
            toClose = List.copyOf(started);
        }
        RuntimeException failure = null;
        for (Container container : toClose.reversed()) {
            try {
                container.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
