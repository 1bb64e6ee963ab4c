package dev.lit.linux.monitor;

import dev.lit.ContainerSummary;
import dev.lit.DetachedContainer;
import dev.lit.ExitStatus;
import dev.lit.LitException;
import dev.lit.LogEntry;
import dev.lit.LogQuery;
import dev.lit.Signal;
import dev.lit.ContainerStats;
import dev.lit.ExecProcess;
import dev.lit.ExecSpec;
import dev.lit.linux.cgroup.CgroupFreezer;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.stats.StatsReader;
import dev.lit.linux.ffm.SyscallException;
import dev.lit.linux.logs.LogReader;
import dev.lit.linux.state.ContainerDirectory;
import dev.lit.linux.state.ContainerState;
import dev.lit.linux.state.GarbageCollector;
import dev.lit.linux.state.MonitorStatus;
import dev.lit.linux.state.ProcessIdentity;
import dev.lit.UnsupportedFeatureException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A handle on a detached container, read from its state directory at each call: it holds no
 * descriptor or thread, so any number of JVMs may hold one. Waiting polls the monitor's status
 * file (the container is not this JVM's child).
 */
public final class LinuxDetachedContainer implements DetachedContainer {
    private static final long POLL_MILLIS = 20;
    private final ContainerDirectory dir;
    private final GarbageCollector collector;
    private final ContainerIndex index;
    /** The last status read: a container removed at its end (--rm) takes its file along. */
    private volatile @Nullable MonitorStatus lastStatus;

    LinuxDetachedContainer(ContainerDirectory dir, GarbageCollector collector, ContainerIndex index) {
        this.dir = dir;
        this.collector = collector;
        this.index = index;
    }

    @Override
    public String id() {
        return dir.id();
    }

    @Override
    public ContainerSummary summary() {
        return index.summarize(dir).orElseThrow(() -> new LitException("container " + dir.id() + " has been removed"));
    }

    @Override
    public void start() {
        if (!Files.exists(dir.path().resolve(GarbageCollector.CREATED))) {
            throw new LitException("cannot start container " + dir.id() + ": it is not in state created ("
                    + (Files.isDirectory(dir.path()) ? summary().state().name().toLowerCase(java.util.Locale.ROOT) : "removed") + ")");
        }
        index.start(dir);
    }

    @Override
    public boolean isAlive() {
        Optional<MonitorStatus> status = MonitorStatus.read(dir.path());
        status.ifPresent(st -> lastStatus = st);
        return status.map(MonitorStatus::alive).orElse(false);
    }

    @Override
    public ExitStatus waitFor() throws InterruptedException {
        while (isAlive()) {
            Thread.sleep(POLL_MILLIS);
        }
        return exitStatus();
    }

    @Override
    public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
        return awaitEnd(timeout) ? Optional.of(exitStatus()) : Optional.empty();
    }

    private ExitStatus exitStatus() {
        if (!Files.isDirectory(dir.path())) {
            MonitorStatus last = lastStatus;
            if (last != null && last.exit() != null) {
                return last.exit();
            }
            throw new LitException("container " + dir.id() + " has been removed (--rm): its exit status went with it");
        }
        ExitStatus exit = summary().exit();
        return exit != null ? exit : new ExitStatus.Signaled(Signal.SIGKILL.number());
    }

    @Override
    public void kill(Signal signal) {
        Optional<MonitorStatus> status = MonitorStatus.read(dir.path());
        if (status.isEmpty() || !status.get().alive() || status.get().state().equals("restarting")) {
            return;
        }
        ProcessIdentity init = status.get().init();
        if (init == null) {
            return;
        }
        int pidfd;
        try {
            pidfd = Libc.pidfdOpen((int) init.pid());
        } catch (SyscallException e) {
            return; // ended meanwhile
        }
        try {
            // the pidfd names the process for good: checking its identity after opening rules out a recycled pid
            if (init.isAlive()) {
                Libc.pidfdSendSignal(pidfd, signal.number());
            }
        } finally {
            Libc.close(pidfd);
        }
    }

    @Override
    public void stop(Duration timeout) throws InterruptedException {
        markStopped();
        thawIfPaused();
        kill(Signal.SIGTERM);
        if (!awaitEnd(timeout)) {
            kill(Signal.SIGKILL);
            if (!awaitEnd(Duration.ofSeconds(10))) {
                throw new LitException("container " + dir.id() + " did not end within 10 s of SIGKILL");
            }
        }
    }

    /** Waits for the end without asking how it ended: a --rm container takes its status with it. */
    private boolean awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isAlive()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** The monitor restarts nothing once this file exists. */
    private void markStopped() {
        try {
            Files.writeString(dir.path().resolve("stop"), "");
        } catch (IOException e) {
            if (Files.isDirectory(dir.path())) {
                throw new LitException("cannot mark container " + dir.id() + " as stopped: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void remove() {
        if (isAlive()) {
            throw new LitException("container " + dir.id() + " is running: stop it first, or force the removal");
        }
        awaitMonitorExit();
        Optional<ContainerState> state = dir.load();
        collector.remove(dir);
        state.map(ContainerState::name).ifPresent(n -> index.release(n, dir.id()));
    }

    /**
     * The monitor writes the last status and log lines after PID 1 has ended: removing the directory
     * under it then could leave files behind (and the monitor would still be there). Its exit is
     * a matter of milliseconds; a monitor that hangs is killed.
     */
    private void awaitMonitorExit() {
        Optional<MonitorStatus> status = MonitorStatus.read(dir.path());
        if (status.isEmpty()) {
            return;
        }
        ProcessIdentity monitor = status.get().monitor();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (monitor.isAlive() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (monitor.isAlive()) {
            Libc.kill((int) monitor.pid(), Signal.SIGKILL.number());
        }
    }

    @Override
    public void forceRemove() throws InterruptedException {
        if (isAlive()) {
            markStopped();
            thawIfPaused();
            kill(Signal.SIGKILL);
            if (!awaitEnd(Duration.ofSeconds(10))) {
                throw new LitException("container " + dir.id() + " did not end within 10 s of SIGKILL");
            }
        }
        remove();
    }

    @Override
    public OutputStream stdin() {
        Path fifo = dir.path().resolve("stdin");
        if (!Files.exists(fifo)) {
            throw new UnsupportedFeatureException("stdin", "container " + dir.id() + " was started with its stdin closed: "
                    + "start it with DetachOptions.withStdinOpen(true) (lit run -d -i)");
        }
        if (!isAlive()) {
            throw new LitException("container " + dir.id() + " has ended: nothing reads its stdin");
        }
        try {
            // read-write: opening a FIFO for writing alone would block until a reader comes
            // (closing the returned stream closes the descriptor it shares with the RandomAccessFile)
            return new FileOutputStream(new RandomAccessFile(fifo.toFile(), "rw").getFD());
        } catch (IOException e) {
            throw new LitException("cannot open the stdin of container " + dir.id() + " (" + fifo + "): " + e.getMessage(), e);
        }
    }

    @Override
    public ExecProcess exec(ExecSpec spec) {
        ProcessIdentity init = runningInit("exec into");
        ContainerCgroup cgroup = cgroup();
        if (CgroupFreezer.canFreeze(cgroup) && CgroupFreezer.isFrozen(cgroup)) {
            throw new LitException("container " + dir.id() + " is paused: resume it (lit unpause) before exec, or the command would be frozen too");
        }
        ExecProfile profile = ExecProfile.read(dir.path()).orElseThrow(() -> new UnsupportedFeatureException("exec",
                "container " + dir.id() + " has no exec profile (" + dir.path().resolve(ExecProfile.FILE)
                        + "): it was started by an older Lit; restart it to exec into it"));
        int pidfd = openVerified(init);
        try {
            return index.execs().start(dir.id(), profile.containerSpec(), init.pid(), pidfd, cgroup, profile.namespaces(), spec);
        } finally {
            Libc.close(pidfd);
        }
    }

    @Override
    public ContainerStats stats() {
        ProcessIdentity init = runningInit("read the stats of");
        return StatsReader.read(cgroup(), init.pid());
    }

    @Override
    public void pause() {
        runningInit("pause");
        ContainerCgroup cgroup = freezable("pause");
        if (!CgroupFreezer.isFrozen(cgroup)) {
            CgroupFreezer.freeze(cgroup);
        }
    }

    @Override
    public void resume() {
        runningInit("resume");
        ContainerCgroup cgroup = freezable("resume");
        if (CgroupFreezer.isFrozen(cgroup)) {
            CgroupFreezer.thaw(cgroup);
        }
    }

    @Override
    public boolean isPaused() {
        if (!isAlive()) {
            return false;
        }
        try {
            ContainerCgroup cgroup = cgroup();
            return CgroupFreezer.canFreeze(cgroup) && CgroupFreezer.isFrozen(cgroup);
        } catch (RuntimeException e) {
            return false; // removed meanwhile
        }
    }

    /** A frozen command cannot act on SIGTERM, and on cgroup v1 not even die of SIGKILL: stopping thaws it first. */
    private void thawIfPaused() {
        if (isPaused()) {
            CgroupFreezer.thaw(cgroup());
        }
    }

    /** PID 1 as the monitor recorded it, when it runs now. */
    private ProcessIdentity runningInit(String action) {
        Optional<MonitorStatus> status = MonitorStatus.read(dir.path());
        ProcessIdentity init = status.filter(MonitorStatus::alive).filter(st -> !st.state().equals("restarting"))
                .map(MonitorStatus::init).orElse(null);
        if (init == null || !init.isAlive()) {
            throw new LitException("cannot " + action + " container " + dir.id() + ": it is not running"
                    + status.map(st -> " (" + st.state() + ")").orElse(""));
        }
        return init;
    }

    /** A pidfd of PID 1, checked against the recorded start time after opening: a recycled pid is refused. */
    private int openVerified(ProcessIdentity init) {
        int pidfd;
        try {
            pidfd = Libc.pidfdOpen((int) init.pid());
        } catch (SyscallException e) {
            throw new LitException("container " + dir.id() + " has just ended: " + e.getMessage(), e);
        }
        if (!init.isAlive()) {
            Libc.close(pidfd);
            throw new LitException("container " + dir.id() + " has just ended (its PID 1, " + init.pid() + ", is gone)");
        }
        return pidfd;
    }

    private ContainerCgroup cgroup() {
        ContainerState state = dir.load().orElseThrow(() -> new LitException("container " + dir.id() + " has been removed"));
        return index.cgroups().reopen(dir.id(), state.cgroups());
    }

    private ContainerCgroup freezable(String action) {
        ContainerCgroup cgroup = cgroup();
        if (!CgroupFreezer.canFreeze(cgroup)) {
            throw new UnsupportedFeatureException("pause", "cannot " + action + " container " + dir.id()
                    + ": it has no cgroup v2 directory and no v1 freezer cgroup");
        }
        return cgroup;
    }

    @Override
    public Stream<LogEntry> logs(LogQuery query) {
        if (Files.exists(dir.path().resolve(GarbageCollector.CREATED))) {
            return Stream.empty(); // nothing ran yet: no log file
        }
        int files = DetachedRecord.read(dir.path()).map(DetachedRecord::logFiles).orElse(1);
        return LogReader.read(dir.path().resolve(DetachedRecord.LOG), files, query, () -> !isAlive());
    }

    @Override
    public String toString() {
        return "DetachedContainer[" + dir.id() + "]";
    }
}
