package dev.lit.linux.process;

import dev.lit.LitException;
import dev.lit.linux.ffm.Libc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Spawns the helper with posix_spawn from one long-lived platform thread. The container's
 * PID 1 becomes a child of that thread (the helper clones it with CLONE_PARENT), and its
 * parent-death signal fires when that thread ends: a thread that lives as long as the JVM
 * makes "the JVM died" the only trigger.
 */
public final class Spawner {
    /** Descriptors the helper expects: 0-2 stdio, 3 the plan, 4 the report pipe, 5 the JVM's "go". */
    public static final int PLAN_FD = 3;
    public static final int REPORT_FD = 4;
    public static final int GO_FD = 5;
    private static final int HIGHEST_FIXED_FD = 5;

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("lit-spawner").unstarted(r));

    private Spawner() {
    }

    /** Starts the helper with these file actions; returns its pid. */
    public static int spawn(HelperBinary helper, List<Libc.FileAction> actions) {
        Future<Integer> pid = THREAD.submit(() -> {
            List<Integer> moved = new ArrayList<>();
            try {
                return Libc.posixSpawn(helper.executablePath(), List.of("lit-helper"), List.of(), safe(actions, moved));
            } finally {
                moved.forEach(Libc::close);
            }
        });
        try {
            return pid.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LitException("interrupted while starting the helper", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new LitException("cannot start the helper: " + e.getCause(), e.getCause());
        }
    }

    /**
     * dup2 actions run in order, so a source descriptor that is also a later target (0 to 4)
     * would be overwritten first: move such sources above the fixed range (0 to 5).
     */
    private static List<Libc.FileAction> safe(List<Libc.FileAction> actions, List<Integer> moved) {
        List<Libc.FileAction> out = new ArrayList<>();
        for (Libc.FileAction a : actions) {
            if (a instanceof Libc.FileAction.Dup(int from, int to) && from <= HIGHEST_FIXED_FD) {
                int copy = Libc.fcntl(from, Libc.F_DUPFD_CLOEXEC, HIGHEST_FIXED_FD + 1);
                moved.add(copy);
                out.add(new Libc.FileAction.Dup(copy, to));
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
