package dev.lit.linux;

import dev.lit.ContainerEvent;
import dev.lit.ContainerSpec;
import dev.lit.DetachOptions;
import dev.lit.RestartPolicy;
import dev.lit.Stdio;
import dev.lit.UnsupportedFeatureException;
import dev.lit.ExecFailedException;
import dev.lit.LitException;
import dev.lit.Mount;
import dev.lit.NetworkMode;
import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.events.ContainerEvents;
import dev.lit.linux.events.EventPublisher;
import dev.lit.linux.exec.ExecLauncher;
import dev.lit.linux.exec.ExecPlanner;
import dev.lit.linux.ffm.Errno;
import dev.lit.linux.ffm.FdOutputStream;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.SyscallException;
import dev.lit.linux.image.ImageBases;
import dev.lit.linux.monitor.ContainerIndex;
import dev.lit.linux.monitor.DetachedRecord;
import dev.lit.linux.monitor.ExecProfile;
import dev.lit.linux.monitor.LinuxDetachedContainer;
import dev.lit.linux.optimize.SlimImages;
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
import dev.lit.linux.state.GarbageCollector;
import dev.lit.linux.state.ProcessIdentity;
import dev.lit.linux.state.StateRoot;
import dev.lit.linux.stdio.StdioConnection;
import dev.lit.linux.security.SecurityPlanner;
import dev.lit.linux.userns.IdMap;
import dev.lit.linux.userns.IdRangeAllocator;
import dev.lit.linux.userns.IdShifter;
import dev.lit.linux.userns.MapWriter;
import dev.lit.linux.userns.RootlessMapping;
import dev.lit.linux.volume.VolumeStore;
import dev.lit.plugin.Plugins;
import dev.lit.Security;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** In a created container's directory: its encoded plan, spawned by {@link #startCreated}. */
    private static final String PLAN = "plan";
    private final StateRoot stateRoot;
    private final CgroupManager cgroups;
    private final HelperBinary helper;
    private final ContainerPlanner planner;
    private final SecurityPlanner security;
    private final IdRangeAllocator ranges;
    private final Consumer<LinuxContainer> onClose;
    private final VolumeStore volumes;
    private final ContainerIndex index;
    private final EventPublisher<ContainerEvent> events;
    private final ExecLauncher execs;
    private final BridgeNetworks networks;

    Launcher(StateRoot stateRoot, CgroupManager cgroups, HelperBinary helper, SecurityPlanner security,
             VolumeStore volumes, ContainerIndex index, Consumer<LinuxContainer> onClose, EventPublisher<ContainerEvent> events) {
        this.volumes = volumes;
        this.index = index;
        this.events = events;
        this.execs = new ExecLauncher(helper, new ExecPlanner(security));
        this.stateRoot = stateRoot;
        this.cgroups = cgroups;
        this.helper = helper;
        this.security = security;
        this.planner = new ContainerPlanner(cgroups.system(), stateRoot.path(), security);
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
        Undo undo = new Undo();
        try {
            Launched l = prepareAndSpawn(requested, null, false, undo);
            l.stdio.startPumps(l.dir.id());
            l.events.emit(new ContainerEvent.Started(l.dir.id(), Instant.now(), l.started.pid));
            LinuxContainer container = new LinuxContainer(l.dir.id(), l.spec, l.started.pid, l.started.pidfd, l.started.initReports,
                    l.cgroup, l.dir, l.stdio, l.releaseIds, l.net, l.startedNanos, onClose, l.events, execs,
                    ContainerPlanner.allNamespaces(l.spec, l.userNamespace));
            container.startPlugins();
            // After the start, in the background: the app never waits for it.
            if (l.spec.optimize().shrinkImage()) {
                SlimImages.forDefaultStore().startFor(l.spec, cgroups, container);
            }
            return container;
        } catch (RuntimeException | Error e) {
            undo.run(e);
            throw e;
        }
    }

    /**
     * Starts a container under a monitor (the helper in monitor mode) that outlives this JVM and
     * records itself in the container's status file; this JVM keeps nothing of it.
     */
    LinuxDetachedContainer launchDetached(ContainerSpec requested, DetachOptions options) {
        refuseSpecInput(requested);
        Undo undo = new Undo();
        try {
            Launched l = prepareAndSpawn(requested, options, false, undo);
            try {
                ExecProfile.of(l.spec, ContainerPlanner.allNamespaces(l.spec, l.userNamespace)).save(l.dir.path());
            } catch (LitException e) {
                if (Files.isDirectory(l.dir.path())) { // (a --rm container that ended at once has gone with its directory)
                    throw e;
                }
            }
            // The monitor has written its identity into "status" before it cloned PID 1: from now on
            // the cleanup pass sees a live owner in it. A --rm container may be gone already.
            if (!options.autoRemove()) {
                Files.writeString(l.dir.path().resolve(GarbageCollector.KEEP), "");
            }
            release(l.started, l.stdio);
            // This JVM sees it created and started; its monitor, not this JVM, sees it end.
            l.events.emit(new ContainerEvent.Started(l.dir.id(), Instant.now(), l.started.pid));
            return index.handle(l.dir);
        } catch (IOException e) {
            LitException failure = new LitException("cannot record detached container: " + e.getMessage(), e);
            undo.run(failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            undo.run(e);
            throw e;
        }
    }

    /**
     * Prepares a detached container up to its plan, saved in its state directory with the
     * {@link GarbageCollector#CREATED} marker: {@link #startCreated} spawns it later, from any JVM.
     */
    LinuxDetachedContainer createDetached(ContainerSpec requested, DetachOptions options) {
        refuseSpecInput(requested);
        Undo undo = new Undo();
        try {
            Launched l = prepareAndSpawn(requested, options, true, undo);
            ExecProfile.of(l.spec, ContainerPlanner.allNamespaces(l.spec, l.userNamespace)).save(l.dir.path());
            if (!options.autoRemove()) {
                Files.writeString(l.dir.path().resolve(GarbageCollector.KEEP), "");
            }
            l.stdio.close();
            return index.handle(l.dir);
        } catch (IOException e) {
            LitException failure = new LitException("cannot record created container: " + e.getMessage(), e);
            undo.run(failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            undo.run(e);
            throw e;
        }
    }

    /**
     * Starts a created container with its saved plan: this JVM takes it over (it owns it until
     * the monitor has written its status) and removes the marker; on failure the marker is back.
     */
    void startCreated(ContainerDirectory dir) {
        Path marker = dir.path().resolve(GarbageCollector.CREATED);
        ContainerState state = dir.load().orElseThrow(() -> new LitException("container " + dir.id() + " has been removed"));
        byte[] plan;
        try {
            plan = Files.readAllBytes(dir.path().resolve(PLAN));
        } catch (IOException e) {
            throw new LitException("cannot start container " + dir.id() + ": not in state created ("
                    + dir.path().resolve(PLAN) + ": " + e.getMessage() + ")", e);
        }
        ContainerSpec spec = ExecProfile.read(dir.path()).map(ExecProfile::containerSpec)
                .orElseThrow(() -> new LitException("cannot start container " + dir.id() + ": its exec profile is missing"));
        dir.save(new ContainerState(state.id(), state.name(), ProcessIdentity.self(), null, state.cgroups(), state.created()));
        try {
            Files.delete(marker); // the claim: of two JVMs starting it at once, one deletes the marker
        } catch (IOException e) {
            throw new LitException("cannot start container " + dir.id() + ": it is not in state created (started already)", e);
        }
        Undo undo = new Undo();
        undo.push(() -> Files.writeString(marker, ""));
        try {
            StdioConnection stdio = StdioConnection.open(Stdio.INHERIT);
            undo.push(stdio::close);
            Started started = spawn(plan, stdio, spec, null, Libc.geteuid() == 0, true, null, undo);
            release(started, stdio);
            new ContainerEvents(events).emit(new ContainerEvent.Started(dir.id(), Instant.now(), started.pid));
        } catch (RuntimeException | Error e) {
            undo.run(e);
            throw e;
        }
    }

    /** This JVM keeps no descriptor of a detached container: the monitor reaps PID 1 and the init's last report goes nowhere. */
    private static void release(Started started, StdioConnection stdio) {
        if (started.pidfd >= 0) {
            Libc.close(started.pidfd);
        }
        if (started.initReports != null) {
            started.initReports.close();
        }
        stdio.close();
    }

    /** Its output goes to its log whatever the spec says; input it was meant to read cannot reach it. */
    private static void refuseSpecInput(ContainerSpec requested) {
        if (requested.stdio().stdin() instanceof Stdio.Input.Bytes || requested.stdio().stdin() instanceof Stdio.Input.Stream
                || requested.stdio().stdin() instanceof Stdio.Input.Pipe) {
            throw new UnsupportedFeatureException("detach", "a detached container cannot read input given with its spec ("
                    + requested.stdio().stdin().getClass().getSimpleName() + "): keep its stdin open (DetachOptions.withStdinOpen) "
                    + "and write to DetachedContainer.stdin()");
        }
    }

    /** What a start has made, for the attached or detached handle. */
    private record Launched(ContainerDirectory dir, ContainerSpec spec, @Nullable Started started, ContainerCgroup cgroup,
                            StdioConnection stdio, Runnable releaseIds, long startedNanos, ContainerEvents events,
                            boolean userNamespace, @Nullable ContainerNetwork net) {
    }

    /** With {@code createOnly}, stops at the plan, saved in the state directory, and the launch has no {@code started}. */
    private Launched prepareAndSpawn(ContainerSpec requested, @Nullable DetachOptions detach, boolean createOnly, Undo undo) {
        // An image base is pulled if missing and its config's defaults applied (Docker's override rules).
        // Plugins see the spec with image defaults applied, before anything exists to undo.
        ContainerSpec imaged = Plugins.installed().create(ImageBases.prepare(requested));
        if (imaged.optimize().shrinkImage()) {
            imaged = SlimImages.forDefaultStore().useSlim(imaged);
        }
        long startedNanos = System.nanoTime();
        security.validate(imaged.security());
        boolean privileged = Libc.geteuid() == 0;
        refuseUnsupported(imaged, detach, createOnly, privileged);
        // The state file is written once the cgroups exist; a directory without one is removed
        // by the cleanup pass after its grace period, and so are cgroups no state file claims.
        ContainerDirectory dir = stateRoot.newContainer();
        undo.push(dir::delete);
        ContainerSpec spec = volumes.resolve(imaged, dir);
        // Names are unique among live containers, attached or detached (Docker's "name is already in use").
        if (spec.name() != null) {
            index.reserveName(spec.name(), dir.id());
            undo.push(() -> index.release(spec.name(), dir.id()));
        }
        if (detach != null) {
            DetachedRecord.of(detach, spec.base().toString(), String.join(" ", spec.argv())).save(dir.path());
        }
        ContainerState state = new ContainerState(dir.id(), spec.name(), ProcessIdentity.self(), null, List.of(), Instant.now());

        RootfsLayout layout = RootfsLayout.createIn(dir.path());
        RootfsPlanner rootfs = new RootfsPlanner(spec.base(), layout);
        Copier copier = new Copier(rootfs.lower(), layout.upper());
        spec.copies().forEach(copier::copy);

        Ids userns = userNamespace(spec, dir, layout, privileged, undo);
        IdMap idMap = userns.map();
        Runnable releaseIds = userns.release();

        ContainerCgroup cgroup = cgroups.create(dir.id(), spec.resources(), privileged);
        undo.push(cgroup::remove);
        ContainerState placed = state.withCgroups(cgroup.directories());
        dir.save(placed);
        ContainerEvents containerEvents = new ContainerEvents(events);
        containerEvents.emit(new ContainerEvent.Created(dir.id(), Instant.now()));

        ContainerNetwork net = null;
        ContainerSpec planned = spec;
        if (spec.network() instanceof NetworkMode.Bridge) {
            net = networks.prepare(spec, dir.id(), dir.path());
            undo.push(net::close);
            planned = withMounts(spec, net.mounts());
        }
        Plan plan = planner.plan(planned, dir.id(), rootfs, cgroup, idMap);
        if (detach != null) {
            addMonitorSteps(plan, detach, dir, privileged ? idMap : null);
        }
        if (createOnly) {
            saveCreated(plan, dir);
            return new Launched(dir, spec, null, cgroup, StdioConnection.open(Stdio.INHERIT), releaseIds, startedNanos,
                    containerEvents, false, null);
        }
        // A detached container's stdio is the monitor's business: the helper gets none of this JVM's pipes.
        StdioConnection stdio = StdioConnection.open(detach != null ? Stdio.INHERIT : spec.stdio());
        undo.push(stdio::close);
        Started started = spawn(plan.encode(), stdio, spec, idMap, privileged, detach != null, net, undo);
        if (detach == null) {
            // (a detached PID 1 is in its monitor's status file; a --rm one may be gone with its directory already)
            ProcessIdentity.of(started.pid).ifPresent(init -> dir.save(placed.withInit(init)));
        }
        // An attached container gives its name back on close with its other leases; a detached one's monitor does.
        Runnable leases = detach != null || spec.name() == null ? releaseIds : () -> {
            releaseIds.run();
            index.release(spec.name(), dir.id());
        };
        return new Launched(dir, spec, started, cgroup, stdio, leases, startedNanos, containerEvents, idMap != null, net);
    }

    /** What this build cannot do yet is refused before anything is made. */
    private static void refuseUnsupported(ContainerSpec spec, @Nullable DetachOptions detach, boolean createOnly, boolean privileged) {
        if (createOnly && (!privileged || spec.security().userNamespace() == Security.UserNamespace.AUTO)) {
            // Its first start needs the starting JVM to write the id maps: not yet done from a saved plan.
            throw new UnsupportedFeatureException("create", "a created container cannot have a user namespace yet "
                    + "(rootless, or userns auto): start it at once (run -d)");
        }
        if (detach != null && spec.network() instanceof NetworkMode.Bridge) {
            // Its lease, hosts entries and port forwarding belong to the JVM that set them up; the monitor cannot keep them.
            throw new UnsupportedFeatureException("detach", "a detached container cannot join a bridge network yet: "
                    + "use network none or host, or start it attached");
        }
        if (detach != null && !privileged && !(detach.restart() instanceof RestartPolicy.No)) {
            throw new UnsupportedFeatureException("restart", "a rootless container cannot have a restart policy ("
                    + detach.restart() + "): its monitor cannot write user namespace maps without this JVM");
        }
    }

    /** A container's user namespace map (null for none) and how to give its ids back. */
    private record Ids(@Nullable IdMap map, Runnable release) {
    }

    /** Rootless: this user's subordinate ids; root with userns auto: a leased range, the layer shifted to it. */
    private Ids userNamespace(ContainerSpec spec, ContainerDirectory dir, RootfsLayout layout, boolean privileged, Undo undo) {
        if (!privileged) {
            return new Ids(RootlessMapping.forThisUser(), () -> { });
        }
        if (spec.security().userNamespace() != Security.UserNamespace.AUTO) {
            return new Ids(null, () -> { });
        }
        IdRangeAllocator.Lease lease = ranges.allocate(dir.id());
        undo.push(lease::release);
        IdShifter.shift(layout, lease.map());
        return new Ids(lease.map(), lease::release);
    }

    /** The monitor's part of the plan: status and log files, restart policy, maps it writes on restarts, --rm, stdin. */
    private static void addMonitorSteps(Plan plan, DetachOptions detach, ContainerDirectory dir, @Nullable IdMap rootIdMap) {
        plan.detach(dir.path().toString(), dir.path().resolve(DetachedRecord.LOG).toString(), detach.logMaxSize().bytes(),
                detach.logMaxFiles(), DetachedRecord.restartKind(detach.restart()),
                detach.restart() instanceof RestartPolicy.OnFailure(int max) ? max : 0);
        if (rootIdMap != null) {
            plan.monitorIdMaps(IdMap.text(rootIdMap.uids()), IdMap.text(rootIdMap.gids()));
        }
        if (detach.autoRemove()) {
            plan.autoRemove();
        }
        if (detach.keepStdinOpen()) {
            plan.stdinFifo();
        }
    }

    /** A created container's plan waits in its directory for {@link #startCreated}. */
    private static void saveCreated(Plan plan, ContainerDirectory dir) {
        try {
            Files.write(dir.path().resolve(PLAN), plan.encode());
            Files.writeString(dir.path().resolve(GarbageCollector.CREATED), "");
        } catch (IOException e) {
            throw new LitException("cannot save the plan of container " + dir.id() + " in " + dir.path() + ": " + e.getMessage(), e);
        }
    }

    private record Started(int pid, int pidfd, @Nullable ReportReader initReports) {
    }

    /** The spec with the network files mounted first, so the user's own mounts can still cover them. */
    private static ContainerSpec withMounts(ContainerSpec spec, List<Mount> first) {
        List<Mount> all = new ArrayList<>(first);
        all.addAll(spec.mounts());
        return spec.toBuilder().mounts(all).build();
    }

    /** Runs the helper, sends it the plan, and reads its reports up to "started" or a failure. */
    /**
     * @param net      the container's bridge networking, connected while the helper waits; null for none
     * @param detached PID 1 is the monitor's child, not this JVM's: it may have ended and been reaped
     *                 before this JVM reads its pid, and then there is no pidfd (-1)
     */
    private Started spawn(byte[] plan, StdioConnection stdio, ContainerSpec spec, @Nullable IdMap idMap, boolean privileged,
                          boolean detached, @Nullable ContainerNetwork net, Undo undo) {
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
                planOut.write(plan);
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
                        pidfd = openPidfd(p, detached);
                        int fd = pidfd;
                        if (fd >= 0) {
                            undo.push(() -> reap(fd));
                        }
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
        if (pid < 0 || (pidfd < 0 && !detached)) {
            throw new LitException("lit-helper reported no pid for the container");
        }
        // Without the init, end of file on the report pipe means the command was executed (the pipe is close-on-exec).
        if (!spec.init()) {
            reports.close();
        }
        return new Started(pid, pidfd, spec.init() ? reports : null);
    }

    private static int openPidfd(int pid, boolean detached) {
        try {
            return Libc.pidfdOpen(pid);
        } catch (SyscallException e) {
            if (detached && e.errno() == Errno.ESRCH) {
                return -1; // a quick command, already reaped by its monitor
            }
            throw e;
        }
    }

    /** Kills and reaps a PID 1 whose start failed, then releases its pidfd. */
    private static void reap(int pidfd) {
        Libc.pidfdSendSignal(pidfd, 9);
        try {
            Libc.waitPidfd(pidfd);
        } catch (SyscallException e) {
            // not this JVM's child: a detached container's monitor reaps it
        } finally {
            Libc.close(pidfd);
        }
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
