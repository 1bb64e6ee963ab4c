package dev.lit.linux;

import dev.lit.Container;
import dev.lit.ContainerEvent;
import dev.lit.ContainerSpec;
import dev.lit.ContainerSummary;
import dev.lit.DetachOptions;
import dev.lit.DetachedContainer;
import dev.lit.Volumes;
import dev.lit.Network;
import dev.lit.NetworkSpec;
import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.events.EventPublisher;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.image.ImageStore;
import dev.lit.linux.exec.ExecLauncher;
import dev.lit.linux.exec.ExecPlanner;
import dev.lit.linux.monitor.ContainerIndex;
import dev.lit.linux.process.HelperBinary;
import dev.lit.linux.security.SeccompPolicies;
import dev.lit.linux.security.SecurityModules;
import dev.lit.linux.security.SecurityPlanner;
import dev.lit.linux.state.GarbageCollector;
import dev.lit.linux.state.StateRoot;
import dev.lit.linux.volume.VolumeStore;
import dev.lit.spi.ContainerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Linux container runtime, found by {@link java.util.ServiceLoader}. It cleans up after
 * dead JVMs when first used, and closes its own containers when this JVM shuts down.
 */
public final class LinuxRuntime implements ContainerRuntime {
    /**
     * setns on a pidfd (5.8), which exec enters a container with, sets the floor; openat2, which
     * the helper resolves every container path with, needs 5.6 and pidfds 5.4.
     */
    private static final int MIN_MAJOR = 5;
    private static final int MIN_MINOR = 8;

    private final Set<LinuxContainer> live = ConcurrentHashMap.newKeySet();
    private final EventPublisher<ContainerEvent> events = new EventPublisher<>(false);
    private volatile Launcher launcher;
    private volatile StateRoot stateRoot;
    private volatile CgroupManager cgroups;
    private volatile boolean collected;
    private volatile ContainerIndex index;
    private volatile VolumeStore volumes;

    /** The runtime, as {@link java.util.ServiceLoader} creates it; nothing is touched until first use. */
    public LinuxRuntime() {
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public Availability availability() {
        String os = System.getProperty("os.name", "");
        if (!os.equals("Linux")) {
            return Availability.no("not Linux (" + os + ")");
        }
        String release = System.getProperty("os.version", "");
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(release);
        if (!m.find()) {
            return Availability.no("cannot read the kernel version from '" + release + "'");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < MIN_MAJOR || (major == MIN_MAJOR && minor < MIN_MINOR)) {
            return Availability.no("kernel " + release + " is too old: Lit needs " + MIN_MAJOR + "." + MIN_MINOR + " or newer (pidfds, openat2)");
        }
        for (String ns : new String[] {"pid", "mnt", "uts", "ipc", "net", "cgroup"}) {
            if (!Files.exists(Path.of("/proc/self/ns", ns))) {
                return Availability.no("the kernel has no " + ns + " namespaces (/proc/self/ns/" + ns + " is missing)");
            }
        }
        if (!HelperBinary.isPackaged()) {
            return Availability.no("lit-linux was built without its native helper");
        }
        return Availability.yes("Linux " + release + (dev.lit.linux.net.BridgeNetworks.hostForwards() ? ""
                : "; net.ipv4.ip_forward is 0: containers on bridge networks reach each other and the host, not beyond"));
    }

    @Override
    public Container start(ContainerSpec spec) {
        LinuxContainer container = launcher(true).launch(spec);
        live.add(container);
        return container;
    }

    @Override
    public DetachedContainer startDetached(ContainerSpec spec, DetachOptions options) {
        return launcher(true).launchDetached(spec, options);
    }

    @Override
    public DetachedContainer createDetached(ContainerSpec spec, DetachOptions options) {
        return launcher(true).createDetached(spec, options);
    }

    @Override
    public List<ContainerSummary> list() {
        launcher(false);
        return index.list();
    }

    @Override
    public Optional<DetachedContainer> find(String idOrName) {
        launcher(false);
        return index.find(idOrName);
    }

    @Override
    public Volumes volumes() {
        launcher(false);
        return volumes;
    }

    @Override
    public java.util.concurrent.Flow.Publisher<ContainerEvent> events() {
        return events;
    }

    @Override
    public Network createNetwork(NetworkSpec spec) {
        return launcher(false).networks().declare(spec);
    }

    @Override
    public int collectGarbage() {
        launcher(false);
        return new GarbageCollector(stateRoot, cgroups).collect();
    }

    /**
     * The cgroup manager this runtime places containers with.
     *
     * @return the manager
     */
    public CgroupManager cgroups() {
        launcher(false);
        return cgroups;
    }

    /**
     * Where this runtime keeps its containers' state; the first call sets the runtime up.
     *
     * @return the state root
     */
    public StateRoot stateRoot() {
        launcher(false);
        return stateRoot;
    }

    /** Sets up on first use; {@code collectFirst} runs the cleanup pass for dead JVMs' leftovers then. */
    private Launcher launcher(boolean collectFirst) {
        Launcher l = launcher;
        if (l != null && collectFirst && !collected) {
            synchronized (this) {
                if (!collected) {
                    collected = true;
                    new GarbageCollector(stateRoot, cgroups).collect();
                }
            }
        }
        if (l == null) {
            synchronized (this) {
                l = launcher;
                if (l == null) {
                    stateRoot = StateRoot.forThisProcess();
                    cgroups = CgroupManager.forThisProcess();
                    SecurityPlanner security = new SecurityPlanner(SecurityModules.detect(), SeccompPolicies::program);
                    index = new ContainerIndex(stateRoot, new GarbageCollector(stateRoot, cgroups), cgroups,
                            () -> new ExecLauncher(HelperBinary.get(), new ExecPlanner(security)),
                            dir -> launcher(false).startCreated(dir));
                    // a lambda, not a method reference: ImageStore (and Jackson) load only once a volume is used
                    volumes = new VolumeStore(() -> ImageStore.defaultRoot(), stateRoot);
                    if (collectFirst) {
                        collected = true;
                        new GarbageCollector(stateRoot, cgroups).collect();
                    }
                    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::closeAll));
                    // The Lit parent cgroups stay while this JVM runs (recreating them per container costs
                    // several cgroup mkdirs and rmdirs); they go at shutdown, or in a later cleanup pass.
                    l = launcher = new Launcher(stateRoot, cgroups, HelperBinary.get(), security, volumes, index, live::remove, events);
                }
            }
        }
        return l;
    }

    private void closeAll() {
        for (LinuxContainer c : live) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the JVM is going: the next cleanup pass gets the rest
            }
        }
        cgroups.removeEmptyParents();
    }
}
