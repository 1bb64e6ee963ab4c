package dev.lit.linux;

import dev.lit.ContainerSpec;
import dev.lit.ExecFailedException;
import dev.lit.LitException;
import dev.lit.Mount;
import dev.lit.NetworkMode;
import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.ffm.Errno;
import dev.lit.linux.ffm.FdOutputStream;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.SyscallException;
import dev.lit.linux.image.ImageBases;
import dev.lit.linux.net.BridgeNetworks;
import dev.lit.linux.net.ContainerNetwork;
import dev.lit.linux.plan.Plan;
import dev.lit.linux.plan.Report;
import dev.lit.linux.process.HelperBinary;
import dev.lit.linux.process.ReportReader;
import dev.lit.linux.process.Spawner;
import dev.lit.linux.rootfs.Copier;
import dev.lit.linux.rootfs.RootfsLayout;
import dev.lit.linux.rootfs.RootfsPlanner;
import dev.lit.linux.state.ContainerDirectory;
import dev.lit.linux.state.ContainerState;
import dev.lit.linux.state.ProcessIdentity;
import dev.lit.linux.state.StateRoot;
import dev.lit.linux.stdio.StdioConnection;
import dev.lit.linux.security.SecurityPlanner;
import dev.lit.linux.userns.IdMap;
import dev.lit.linux.userns.IdRangeAllocator;
import dev.lit.linux.userns.IdShifter;
import dev.lit.linux.userns.MapWriter;
import dev.lit.linux.userns.RootlessMapping;
import dev.lit.Security;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Starts one container: state directory, writable layer and copies, cgroup, plan, helper,
 * and the wait for "started". Any failure undoes every step already taken, in reverse.
 */
final class Launcher {
    private final StateRoot stateRoot;
    private final CgroupManager cgroups;
    private final HelperBinary helper;
    private final ContainerPlanner planner;
    private final SecurityPlanner security;
    private final IdRangeAllocator ranges;
    private final Consumer<LinuxContainer> onClose;
    private final BridgeNetworks networks;

    Launcher(StateRoot stateRoot, CgroupManager cgroups, HelperBinary helper, SecurityPlanner security,
             Consumer<LinuxContainer> onClose) {
        this.stateRoot = stateRoot;
        this.cgroups = cgroups;
        this.helper = helper;
        this.security = security;
        this.planner = new ContainerPlanner(cgroups.system().isPureV2(), stateRoot.path(), security);
        this.ranges = new IdRangeAllocator(stateRoot.path());
        this.onClose = onClose;
        this.networks = new BridgeNetworks(stateRoot.path());
    }

    BridgeNetworks networks() {
        return networks;
    }

    IdRangeAllocator ranges() {
        return ranges;
    }

    LinuxContainer launch(ContainerSpec requested) {
        // An image base is pulled if missing and its config's defaults applied (Docker's override rules).
        ContainerSpec spec = ImageBases.prepare(requested);
        long startedNanos = System.nanoTime();
        Undo undo = new Undo();
        security.validate(spec.security());
        boolean privileged = Libc.geteuid() == 0;
        try {
            // The state file is written once the cgroups exist; a directory without one is removed
            // by the cleanup pass after its grace period, and so are cgroups no state file claims.
            ContainerDirectory dir = stateRoot.newContainer();
            undo.push(dir::delete);
            ContainerState state = new ContainerState(dir.id(), spec.name(), ProcessIdentity.self(), null, List.of(), Instant.now());

            RootfsLayout layout = RootfsLayout.createIn(dir.path());
            RootfsPlanner rootfs = new RootfsPlanner(spec.base(), layout);
            Copier copier = new Copier(rootfs.lower(), layout.upper());
            spec.copies().forEach(copier::copy);

            IdMap idMap = null;
            Runnable releaseIds = () -> { };
            if (!privileged) {
                idMap = RootlessMapping.forThisUser();
            } else if (spec.security().userNamespace() == Security.UserNamespace.AUTO) {
                IdRangeAllocator.Lease lease = ranges.allocate(dir.id());
                undo.push(lease::release);
                releaseIds = lease::release;
                idMap = lease.map();
                IdShifter.shift(layout, idMap);
            }

            ContainerCgroup cgroup = cgroups.create(dir.id(), spec.resources(), privileged);
            undo.push(cgroup::remove);
            ContainerState placed = state.withCgroups(cgroup.directories());
            dir.save(placed);

            ContainerNetwork net = null;
            ContainerSpec planned = spec;
            if (spec.network() instanceof NetworkMode.Bridge) {
                net = networks.prepare(spec, dir.id(), dir.path());
                undo.push(net::close);
                planned = withMounts(spec, net.mounts());
            }
            Plan plan = planner.plan(planned, dir.id(), rootfs, cgroup, idMap);
            StdioConnection stdio = StdioConnection.open(spec.stdio());
            undo.push(stdio::close);
            Started started = spawn(plan, stdio, spec, idMap, net, privileged, undo);
            ProcessIdentity.of(started.pid).ifPresent(init -> dir.save(placed.withInit(init)));
            stdio.startPumps(dir.id());
            return new LinuxContainer(dir.id(), spec, started.pid, started.pidfd, started.initReports, cgroup, dir, stdio,
                    releaseIds, net, startedNanos, onClose);
        } catch (RuntimeException | Error e) {
            undo.run(e);
            throw e;
        }
    }

    private record Started(int pid, int pidfd, @Nullable ReportReader initReports) {
    }

    /** The spec with the network files mounted first, so the user's own mounts can still cover them. */
    private static ContainerSpec withMounts(ContainerSpec spec, List<Mount> first) {
        List<Mount> all = new ArrayList<>(first);
        all.addAll(spec.mounts());
        return new ContainerSpec(spec.name(), spec.base(), spec.entrypoint(), spec.command(), spec.env(), spec.workdir(), spec.hostname(),
                spec.copies(), all, spec.resources(), spec.network(), spec.stdio(), spec.init(), spec.security());
    }

    /** Runs the helper, sends it the plan, and reads its reports up to "started" or a failure. */
    private Started spawn(Plan plan, StdioConnection stdio, ContainerSpec spec, @Nullable IdMap idMap, @Nullable ContainerNetwork net,
                          boolean privileged, Undo undo) {
        int[] planPipe = Libc.pipe();
        int[] reportPipe = Libc.pipe();
        int[] goPipe = idMap != null || net != null ? Libc.pipe() : null;
        ReportReader reports = new ReportReader(reportPipe[0]);
        undo.push(reports::close);
        FdOutputStream go = goPipe != null ? new FdOutputStream(goPipe[1]) : null;
        if (go != null) {
            undo.push(go::close);
        }
        List<Libc.FileAction> actions = new ArrayList<>();
        actions.add(new Libc.FileAction.Dup(planPipe[0], Spawner.PLAN_FD));
        actions.add(new Libc.FileAction.Dup(reportPipe[1], Spawner.REPORT_FD));
        if (goPipe != null) {
            actions.add(new Libc.FileAction.Dup(goPipe[0], Spawner.GO_FD));
        }
        actions.addAll(stdio.fileActions());
        int helperPid;
        try (FdOutputStream planOut = new FdOutputStream(planPipe[1])) {
            try {
                helperPid = Spawner.spawn(helper, actions);
            } finally {
                Libc.close(planPipe[0]);
                Libc.close(reportPipe[1]);
                if (goPipe != null) {
                    Libc.close(goPipe[0]);
                }
                stdio.closeChildEnds();
            }
            try {
                planOut.write(plan.encode());
            } catch (IOException e) {
                // the helper died before reading its plan: its report says why
            }
        }

        int pid = -1;
        int pidfd = -1;
        Report.Failed failure = null;
        boolean started = false;
        try {
            Optional<Report> r;
            while (!started && failure == null && (r = reports.next()).isPresent()) {
                switch (r.get()) {
                    case Report.Pid(int p) -> {
                        pid = p;
                        pidfd = Libc.pidfdOpen(p);
                        int fd = pidfd;
                        undo.push(() -> reap(fd));
                        if (go != null) {
                            if (idMap != null) {
                                MapWriter.write(p, idMap, privileged);
                            }
                            if (net != null) {
                                net.connect(p);
                            }
                            go.write('g');
                            go.close();
                        }
                    }
                    case Report.Started s -> started = true;
                    case Report.Failed f -> failure = f;
                    default -> throw new LitException("unexpected report from lit-helper before start: " + r.get());
                }
            }
        } catch (IOException e) {
            throw new LitException("cannot release the container after writing its user namespace maps: " + e.getMessage(), e);
        } finally {
            if (go != null) {
                go.close();
            }
            int status = Libc.waitpid(helperPid);
            if (failure == null && pid < 0) {
                throw new LitException("lit-helper ended without starting the container (wait status 0x" + Integer.toHexString(status) + ")");
            }
        }
        if (failure != null) {
            throw failureOf(failure, spec);
        }
        if (pidfd < 0) {
            throw new LitException("lit-helper reported no pid for the container");
        }
        // Without the init, end of file on the report pipe means the command was executed (the pipe is close-on-exec).
        if (!spec.init()) {
            reports.close();
        }
        return new Started(pid, pidfd, spec.init() ? reports : null);
    }

    /** Kills and reaps a PID 1 whose start failed, then releases its pidfd. */
    private static void reap(int pidfd) {
        Libc.pidfdSendSignal(pidfd, 9);
        Libc.waitPidfd(pidfd);
        Libc.close(pidfd);
    }

    private static LitException failureOf(Report.Failed f, ContainerSpec spec) {
        if (f.syscall().equals("execve")) {
            boolean notFound = f.errno() == Errno.ENOENT || f.errno() == Errno.ENOTDIR;
            String reason = notFound ? "no such file or executable in the container's PATH" : Errno.describe(f.errno());
            return new ExecFailedException(f.detail(), notFound, reason);
        }
        SyscallException cause = new SyscallException(f.syscall(), f.detail(), f.errno());
        return new LitException("cannot start container" + (spec.name() == null ? "" : " " + spec.name()) + ": " + cause.getMessage(), cause);
    }

    /** Undo steps, run newest first; failures while undoing are attached to the original error. */
    private static final class Undo {
        private final List<Step> steps = new ArrayList<>();

        interface Step {
            void run() throws Exception;
        }

        void push(Step step) {
            steps.add(step);
        }

        void run(Throwable original) {
            for (int i = steps.size() - 1; i >= 0; i--) {
                try {
                    steps.get(i).run();
                } catch (Exception e) {
                    original.addSuppressed(e);
                }
            }
        }
    }
}
