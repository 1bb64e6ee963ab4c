package dev.lit.plugin;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExitStatus;
import dev.lit.MemoryTuningEvent;
import java.util.List;

/**
 * A Lit plugin, found through {@link java.util.ServiceLoader} (a {@code provides} clause in the
 * plugin's module-info, or a {@code META-INF/services/dev.lit.plugin.LitPlugin} file on the class
 * path). Every hook has a default that does nothing, so a plugin implements only what it needs.
 *
 * <p>Hooks run on Lit's threads and should return quickly. A failure in {@link #onCreate} fails the
 * container's start (the plugin asked to change the spec and could not); failures in the other
 * hooks are logged and do not touch the container.
 */
public interface LitPlugin {

    /**
     * A short name for messages, such as "jvm".
     *
     * @return the name
     */
    String name();

    /**
     * Before anything is created for the container: returns the spec to start, the same one or a
     * changed one (an optimizer sets environment or limits here). Image defaults are already applied.
     *
     * @param spec the spec about to start
     * @return the spec to start instead, or {@code spec}
     */
    default ContainerSpec onCreate(ContainerSpec spec) {
        return spec;
    }

    /**
     * The container's command runs.
     *
     * @param container the container
     */
    default void onStart(Container container) {
    }

    /**
     * The container is being closed: it still exists, its processes are about to be killed.
     *
     * @param container the container
     */
    default void onStop(Container container) {
    }

    /**
     * The container's PID 1 ended (called on the runtime's watcher thread).
     *
     * @param container the container
     * @param status how PID 1 ended
     */
    default void onExit(Container container, ExitStatus status) {
    }

    /**
     * The memory tuner changed the container's soft limit (only with {@code optimize.auto_memory_tune}).
     *
     * @param container the container
     * @param event the tuner's decision
     */
    default void onMemoryTuning(Container container, MemoryTuningEvent event) {
    }

    /**
     * Paths an image slimmer may remove from images this plugin knows (package-manager leftovers).
     *
     * @return the rules; none by default
     */
    default List<SlimmingRule> slimmingRules() {
        return List.of();
    }
}
