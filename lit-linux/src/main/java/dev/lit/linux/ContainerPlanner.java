package dev.lit.linux;

import dev.lit.Base;
import dev.lit.ContainerSpec;
import dev.lit.NetworkMode;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.plan.Namespace;
import dev.lit.linux.plan.Plan;
import dev.lit.linux.rootfs.RootfsPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Turns a spec into the helper's plan: namespaces, cgroup placement, root filesystem, identity, exec. */
final class ContainerPlanner {
    private static final int SIGKILL = 9;

    private final boolean pureCgroupV2;
    private final Path stateRoot;

    ContainerPlanner(boolean pureCgroupV2, Path stateRoot) {
        this.pureCgroupV2 = pureCgroupV2;
        this.stateRoot = stateRoot;
    }

    /** The namespaces PID 1 is cloned into. The cgroup namespace comes after placement, in the child. */
    static Set<Namespace> namespaces(ContainerSpec spec) {
        Set<Namespace> ns = EnumSet.of(Namespace.MOUNT, Namespace.UTS, Namespace.IPC, Namespace.PID);
        if (!(spec.network() instanceof NetworkMode.Host)) {
            ns.add(Namespace.NETWORK);
        }
        return ns;
    }

    Plan plan(ContainerSpec spec, String id, RootfsPlanner rootfs, ContainerCgroup cgroup) {
        Plan plan = new Plan().cloneInto(Namespace.flags(namespaces(spec)));
        cgroup.unified().ifPresent(d -> plan.cgroupInto(d.path().toString()));
        cgroup.v1Directories().forEach(d -> plan.cgroupJoin(d.path().resolve("cgroup.procs").toString()));

        plan.parentDeathSignal(SIGKILL);
        plan.unshare(Namespace.CGROUP.flag());
        rootfs.addSteps(plan, spec.mounts(), pureCgroupV2 && cgroup.unified().isPresent(), hiddenHostPaths(spec));
        plan.hostname(spec.hostname() != null ? spec.hostname() : id);
        if (spec.network() instanceof NetworkMode.None) {
            plan.loopbackUp();
        }
        String workdir = spec.workdir() != null ? spec.workdir() : "/";
        plan.mkdir(workdir, 0755);
        plan.chdir(workdir);
        return plan.exec(spec.init(), spec.argv(), spec.envList());
    }

    /**
     * With the host as base, Lit's own state directory (other containers' layers) would show
     * through the overlay: cover it when it lies on the root filesystem.
     */
    private List<Path> hiddenHostPaths(ContainerSpec spec) {
        List<Path> hide = new ArrayList<>();
        if (spec.base() instanceof Base.Host && sameFilesystemAsRoot(stateRoot)) {
            hide.add(stateRoot);
        }
        return hide;
    }

    private static boolean sameFilesystemAsRoot(Path path) {
        try {
            return Files.getAttribute(path, "unix:dev").equals(Files.getAttribute(Path.of("/"), "unix:dev"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
