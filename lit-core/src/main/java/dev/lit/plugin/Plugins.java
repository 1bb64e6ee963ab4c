package dev.lit.plugin;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExitStatus;
import dev.lit.LitException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * The plugins a runtime calls, in {@link ServiceLoader} order. {@link #installed()} finds them
 * once per JVM; the system property {@code lit.plugins=none} turns them all off.
 */
public final class Plugins {
    private static final System.Logger LOG = System.getLogger("dev.lit.plugin");
    private static volatile Plugins installed;
    private final List<LitPlugin> plugins;

    /**
     * These plugins, in this order; for runtimes and tests that pick their own.
     *
     * @param plugins the plugins
     */
    public Plugins(List<LitPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /**
     * The plugins found on the module or class path (none with {@code -Dlit.plugins=none}).
     *
     * @return the plugins, found once per JVM
     */
    public static Plugins installed() {
        Plugins p = installed;
        if (p == null) {
            synchronized (Plugins.class) {
                p = installed;
                if (p == null) {
                    List<LitPlugin> found = new ArrayList<>();
                    if (!"none".equals(System.getProperty("lit.plugins"))) {
                        ServiceLoader.load(LitPlugin.class, Plugins.class.getClassLoader()).forEach(found::add);
                    }
                    installed = p = new Plugins(found);
                }
            }
        }
        return p;
    }

    /**
     * The plugins, in the order they are called.
     *
     * @return an unmodifiable list
     */
    public List<LitPlugin> list() {
        return plugins;
    }

    /**
     * Runs every {@link LitPlugin#onCreate} in turn, each on the previous one's spec.
     *
     * @param spec the spec as the caller built it
     * @return the spec to start
     * @throws dev.lit.LitException if a plugin's {@code onCreate} fails; it names the plugin
     */
    public ContainerSpec create(ContainerSpec spec) {
        ContainerSpec current = spec;
        for (LitPlugin p : plugins) {
            try {
                current = p.onCreate(current);
            } catch (RuntimeException e) {
                throw new LitException("plugin " + p.name() + " failed while creating the container: " + e.getMessage(), e);
            }
        }
        return current;
    }

    /**
     * Calls {@link LitPlugin#onStart} and subscribes each plugin to the memory tuner's decisions.
     *
     * @param container the started container
     */
    public void started(Container container) {
        if (plugins.isEmpty()) {
            return;
        }
        each("start", p -> p.onStart(container));
        container.onMemoryTuning(event -> each("memory tuning", p -> p.onMemoryTuning(container, event)));
    }

    /**
     * Calls {@link LitPlugin#onStop} of each plugin; a failing plugin is logged and skipped.
     *
     * @param container the container being closed
     */
    public void stopping(Container container) {
        each("stop", p -> p.onStop(container));
    }

    /**
     * Calls {@link LitPlugin#onExit} of each plugin; a failing plugin is logged and skipped.
     *
     * @param container the container
     * @param status how PID 1 ended
     */
    public void exited(Container container, ExitStatus status) {
        each("exit", p -> p.onExit(container, status));
    }

    /**
     * Every plugin's slimming rules.
     *
     * @return the rules, plugin by plugin
     */
    public List<SlimmingRule> slimmingRules() {
        List<SlimmingRule> rules = new ArrayList<>();
        plugins.forEach(p -> rules.addAll(p.slimmingRules()));
        return rules;
    }

    private void each(String hook, Consumer<LitPlugin> call) {
        for (LitPlugin p : plugins) {
            try {
                call.accept(p);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "plugin " + p.name() + " failed at " + hook + ": " + e.getMessage(), e);
            }
        }
    }
}
