package dev.lit.linux;

import dev.lit.Base;
import dev.lit.ContainerSpec;
import dev.lit.NetworkMode;
import dev.lit.linux.cgroup.CgroupSystem;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.cgroup.Hierarchy;
import dev.lit.linux.plan.Namespace;
import dev.lit.linux.plan.Plan;
import dev.lit.linux.rootfs.RootfsPlanner;
import dev.lit.linux.security.SecurityPlanner;
import dev.lit.linux.userns.IdMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Turns a spec into the helper's plan: namespaces, cgroup placement, root filesystem, identity, confinement, exec. */
final class ContainerPlanner {
    private static final int SIGKILL = 9;
    private static final int TTY_GROUP = 5;

    private final boolean pureCgroupV2;
    private final List<Hierarchy> hierarchies;
    private final Path stateRoot;
    private final SecurityPlanner security;
    /** Whether the state root shares the root filesystem: asked once, not on every start. */
    private volatile @Nullable Boolean stateRootOnRootFilesystem;

    ContainerPlanner(CgroupSystem cgroupSystem, Path stateRoot, SecurityPlanner security) {
        this.pureCgroupV2 = cgroupSystem.isPureV2();
        this.hierarchies = cgroupSystem.hierarchies();
        this.stateRoot = stateRoot;
        this.security = security;
    }

    /** The namespaces PID 1 is cloned into. The cgroup namespace comes after placement, in the child. */
    static Set<Namespace> namespaces(ContainerSpec spec, boolean userNamespace) {
        Set<Namespace> ns = EnumSet.of(Namespace.MOUNT, Namespace.UTS, Namespace.IPC, Namespace.PID);
        if (!(spec.network() instanceof NetworkMode.Host)) {
            ns.add(Namespace.NETWORK);
        }
        if (userNamespace) {
            ns.add(Namespace.USER);
        }
        return ns;
    }

    /** Every namespace of a running container, as an exec joins them: those of clone plus the cgroup namespace. */
    static Set<Namespace> allNamespaces(ContainerSpec spec, boolean userNamespace) {
        Set<Namespace> ns = namespaces(spec, userNamespace);
        ns.add(Namespace.CGROUP);
        return ns;
    }

    /**
     * @param idMap the container's user namespace map, or null for none; the JVM writes it
     *              while the helper waits ({@link Plan#awaitJvm()})
     */
    Plan plan(ContainerSpec spec, String id, RootfsPlanner rootfs, ContainerCgroup cgroup, @Nullable IdMap idMap) {
        boolean userns = idMap != null;
        Plan plan = new Plan().cloneInto(Namespace.flags(namespaces(spec, userns)));
        cgroup.unified().ifPresent(d -> plan.cgroupInto(d.path().toString()));
        cgroup.v1Directories().forEach(d -> plan.cgroupJoin(d.path().resolve("cgroup.procs").toString()));
        if (userns || spec.network() instanceof NetworkMode.Bridge) {
            plan.awaitJvm(); // maps written, bridge interfaces configured (see net.ContainerNetwork)
        }

        plan.parentDeathSignal(SIGKILL);
        if (userns) {
            plan.becomeRoot();
        }
        plan.unshare(Namespace.CGROUP.flag());
        rootfs.addSteps(plan, spec.mounts(), new RootfsPlanner.Options(
                pureCgroupV2 && cgroup.unified().isPresent(), userns ? List.of() : hiddenHostPaths(spec), userns,
                !(spec.network() instanceof NetworkMode.Host), !userns || idMap.hostGid(TTY_GROUP) >= 0, cgroupV1Views(cgroup)));
        plan.hostname(spec.hostname() != null ? spec.hostname() : id);
        if (!(spec.network() instanceof NetworkMode.Host)) {
            plan.loopbackUp();
        }
        String workdir = spec.workdir() != null ? spec.workdir() : "/";
        plan.mkdir(workdir, 0755);
        if (spec.stdio().isTerminal()) {
            plan.controllingTerminal();
        }
        security.addSteps(plan, spec.security());
        plan.chdir(workdir);
        return plan.exec(spec.init(), spec.argv(), spec.envList());
    }

    /** The v1 cgroup directories the container is in, by the name of the hierarchy each lies in (its mount point's name). */
    private Map<String, Path> cgroupV1Views(ContainerCgroup cgroup) {
        Map<String, Path> views = new LinkedHashMap<>();
        if (pureCgroupV2) {
            return views;
        }
        for (ContainerCgroup.Directory d : cgroup.v1Directories()) {
            hierarchies.stream().filter(h -> h.version() == 1 && d.path().startsWith(h.mountPoint())).findFirst()
                    .ifPresent(h -> views.putIfAbsent(h.mountPoint().getFileName().toString(), d.path()));
        }
        // Controllers Lit makes no cgroup in (cpuset, devices, ...): the container stays in this JVM's
        // cgroup there, and runtimes expect to find them (the JVM's container support needs cpuset).
        for (Hierarchy h : hierarchies) {
            if (h.version() == 1 && h.controllers().stream().anyMatch(c -> !c.startsWith("name="))) {
                views.putIfAbsent(h.mountPoint().getFileName().toString(), h.ownDirectory());
            }
        }
        return views;
    }

    /**
     * With the host as base, Lit's own state directory (other containers' layers) would show
     * through the overlay: cover it when it lies on the root filesystem. (In a user namespace
     * the host base is built from binds with a fresh /run and /tmp instead.)
     */
    private List<Path> hiddenHostPaths(ContainerSpec spec) {
        List<Path> hide = new ArrayList<>();
        if (spec.base() instanceof Base.Host && stateRootOnRootFilesystem()) {
            hide.add(stateRoot);
        }
        return hide;
    }

    private boolean stateRootOnRootFilesystem() {
        Boolean known = stateRootOnRootFilesystem;
        if (known == null) {
            known = stateRootOnRootFilesystem = sameFilesystemAsRoot(stateRoot);
        }
        return known;
    }

    private static boolean sameFilesystemAsRoot(Path path) {
        try {
            return Files.getAttribute(path, "unix:dev").equals(Files.getAttribute(Path.of("/"), "unix:dev"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
