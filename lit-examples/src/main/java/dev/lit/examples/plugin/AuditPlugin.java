package dev.lit.examples.plugin;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExitStatus;
import dev.lit.MemoryTuningEvent;
import dev.lit.plugin.LitPlugin;
import java.util.ArrayList;
import java.util.List;

/**
 * An example plugin: keeps an audit trail of every container's life (create, start, memory
 * tuning, exit, stop) and stamps each spec with {@code LIT_AUDITED=1}. Found through its
 * {@code provides} clause in module-info and {@code META-INF/services/dev.lit.plugin.LitPlugin};
 * with {@code -Dlit.examples.audit=stderr} it also prints each line.
 */
public final class AuditPlugin implements LitPlugin {
    private static final int KEEP = 1000;
    private static final List<String> TRAIL = new ArrayList<>();

    /** ServiceLoader's constructor. */
    public AuditPlugin() {
    }

    /**
     * The trail so far, oldest first (the last thousand lines).
     *
     * @return a copy of the trail
     */
    public static List<String> trail() {
        synchronized (TRAIL) {
            return List.copyOf(TRAIL);
        }
    }

    private static void log(String line) {
        synchronized (TRAIL) {
            if (TRAIL.size() == KEEP) {
                TRAIL.removeFirst();
            }
            TRAIL.add(line);
        }
        if ("stderr".equals(System.getProperty("lit.examples.audit"))) {
            System.err.println("[audit] " + line);
        }
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public ContainerSpec onCreate(ContainerSpec spec) {
        log("create " + String.join(" ", spec.argv()));
        return spec.toBuilder().env("LIT_AUDITED", "1").build();
    }

    @Override
    public void onStart(Container container) {
        log("start " + container.id() + " pid " + container.pid());
    }

    @Override
    public void onMemoryTuning(Container container, MemoryTuningEvent event) {
        log("tune " + container.id() + " " + event.action() + " " + event.fromBytes() + " -> " + event.toBytes() + ": " + event.reason());
    }

    @Override
    public void onExit(Container container, ExitStatus status) {
        log("exit " + container.id() + " " + status);
    }

    @Override
    public void onStop(Container container) {
        log("stop " + container.id());
    }
}
