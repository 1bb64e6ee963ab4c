package dev.lit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM for {@code lit up}: the first asks for an orderly stop (and interrupts a
 * start in progress, which then removes what it started); the next one kills everything at
 * once by exiting, so the runtime's shutdown hook closes the containers. Installed instead of
 * the JVM's own handlers, which would start the shutdown at the first signal; the previous
 * handlers come back on {@link #close()}.
 */
final class StopSignals implements AutoCloseable {
    private final Thread main;
    private final CompletableFuture<Void> received = new CompletableFuture<>();
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile boolean interruptOnFirst;
    private volatile boolean forceOnNext;

    private StopSignals(Thread main) {
        this.main = main;
    }

    static StopSignals install(Thread main) {
        StopSignals s = new StopSignals(main);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                s.previous.add(Signal.handle(signal, s::handle));
                s.signals.add(signal);
            } catch (IllegalArgumentException e) {
                // The JVM reserves it (-Xrs): its default then applies, and the shutdown hook still cleans up.
            }
        }
        return s;
    }

    private synchronized void handle(Signal signal) {
        if (!received.isDone()) {
            received.complete(null);
            if (interruptOnFirst) {
                main.interrupt();
            }
        } else if (forceOnNext) {
            // The runtime's shutdown hook kills and removes every container this JVM started.
            Runtime.getRuntime().exit(128 + signal.getNumber());
        }
    }

    /** Completes at the first SIGINT or SIGTERM. */
    CompletableFuture<Void> received() {
        return received;
    }

    /** Whether the first signal interrupts the main thread (while it starts the services). */
    void interruptOnFirst(boolean value) {
        interruptOnFirst = value;
    }

    /** From now on a further signal kills everything at once. */
    void forceOnNext() {
        forceOnNext = true;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
