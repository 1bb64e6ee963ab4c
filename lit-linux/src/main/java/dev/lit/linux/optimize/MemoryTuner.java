package dev.lit.linux.optimize;

import dev.lit.ContainerSpec;
import dev.lit.MemoryTuning;
import dev.lit.MemoryTuningEvent;
import dev.lit.MemoryTuningEvent.Action;
import dev.lit.MemoryTuningStatus;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.cgroup.Controller;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The automatic memory tuner of one container: a virtual thread that reads the memory cgroup
 * every interval, asks the {@link TuningPolicy}, writes what it decided through
 * {@link MemoryFiles}, and tells listeners about every change. Starting it never blocks or fails
 * the container's start: a tuner that cannot work says why in its {@link #status()}.
 */
public final class MemoryTuner implements AutoCloseable {
    private static final int RECENT = 32;

    private final String containerId;
    private final MemoryTuning params;
    private final long ceiling;
    private final List<Consumer<MemoryTuningEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<MemoryTuningEvent> recent = new ArrayDeque<>();
    private final @Nullable Thread thread;
    private volatile boolean running;
    private volatile long limit;
    private volatile @Nullable MemoryTuningEvent last;
    private volatile @Nullable String problem;

    private MemoryTuner(String containerId, MemoryTuning params, long ceiling, ContainerCgroup.@Nullable Directory memory,
                        BooleanSupplier alive) {
        this.containerId = containerId;
        this.params = params;
        this.ceiling = ceiling;
        this.limit = ceiling;
        if (memory == null) {
            problem = "the container has no memory cgroup (no memory controller, or a rootless container without a delegated cgroup)";
            thread = null;
        } else {
            running = true;
            thread = Thread.ofVirtual().name("lit-tune-" + containerId).start(() -> run(memory, alive));
        }
    }

    /**
     * Starts tuning if the spec asks for it; null when {@code optimize.auto_memory_tune} is off.
     *
     * @param containerId the container's id, for thread names and events
     * @param spec the container's spec
     * @param cgroup the container's cgroup
     * @param alive tells the tuner whether the container still runs
     * @return the running tuner, or null
     */
    public static @Nullable MemoryTuner startFor(String containerId, ContainerSpec spec, ContainerCgroup cgroup, BooleanSupplier alive) {
        MemoryTuning params = spec.optimize().memoryTuning();
        if (params == null) {
            return null;
        }
        return new MemoryTuner(containerId, params, ceiling(params, spec), cgroup.controllers().get(Controller.MEMORY), alive);
    }

    /** The tuning ceiling: the parameter, else the hard limit, else none. */
    static long ceiling(MemoryTuning params, ContainerSpec spec) {
        if (params.ceiling() != null) {
            return params.ceiling().bytes();
        }
        return spec.resources().memory() != null ? spec.resources().memory().bytes() : TuningPolicy.UNLIMITED;
    }

    private void run(ContainerCgroup.Directory memory, BooleanSupplier alive) {
        TuningPolicy policy = new TuningPolicy(params, ceiling);
        try (MemoryFiles files = MemoryFiles.of(memory)) {
            while (alive.getAsBoolean()) {
                MemoryReading reading = files.read();
                long before = policy.limit();
                Decision d = policy.next(reading);
                String note = "";
                if (d.limit() != before) {
                    note = files.apply(d, reading.current());
                    limit = d.limit();
                }
                record(new MemoryTuningEvent(Instant.now(), d.action(), before, d.limit(),
                        d.reason() + (note.isEmpty() ? "" : "; " + note) + " [" + files.mechanism() + "]"));
                Thread.sleep(params.interval());
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            if (alive.getAsBoolean()) {
                problem = "stopped: " + e.getMessage();
            }
        } finally {
            running = false;
        }
    }

    private void record(MemoryTuningEvent event) {
        last = event;
        if (event.action() == Action.HOLD) {
            return;
        }
        synchronized (recent) {
            if (recent.size() == RECENT) {
                recent.removeFirst();
            }
            recent.addLast(event);
        }
        for (Consumer<MemoryTuningEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException ignored) {
                // a listener's failure is its own; tuning goes on
            }
        }
    }

    /**
     * Calls {@code listener} on the tuner's thread for every change of the soft limit.
     *
     * @param listener called with each event
     */
    public void addListener(Consumer<MemoryTuningEvent> listener) {
        listeners.add(listener);
    }

    /**
     * Where the tuner stands now.
     *
     * @return its limits, last decision and recent changes
     */
    public MemoryTuningStatus status() {
        List<MemoryTuningEvent> changes;
        synchronized (recent) {
            changes = List.copyOf(recent);
        }
        return new MemoryTuningStatus(running, limit, ceiling, last, changes, problem);
    }

    /** Stops the thread and waits for it briefly; the cgroup's limits stay as they are. */
    @Override
    public void close() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(java.time.Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "MemoryTuner[" + containerId + ", limit " + TuningPolicy.size(limit) + (running ? ", running" : ", stopped") + "]";
    }
}
