package dev.lit.linux.monitor;

import dev.lit.linux.cgroup.CgroupManager;
import dev.lit.linux.exec.ExecLauncher;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.lit.ContainerSummary;
import dev.lit.DetachedContainer;
import dev.lit.ExitStatus;
import dev.lit.LitException;
import dev.lit.Signal;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.cgroup.Controller;
import dev.lit.linux.state.ContainerDirectory;
import dev.lit.linux.state.ContainerState;
import dev.lit.linux.state.GarbageCollector;
import dev.lit.linux.state.MonitorStatus;
import dev.lit.linux.state.StateRoot;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The containers of one state root as any JVM sees them: summaries for {@code lit ps}, handles
 * on detached ones by id, id prefix or name, and the reservation that keeps names unique.
 */
public final class ContainerIndex {
    private final StateRoot root;
    private final GarbageCollector collector;
    private final CgroupManager cgroups;
    private final Supplier<ExecLauncher> execs;
    private final Consumer<ContainerDirectory> starter;

    /**
     * The index of one state root.
     *
     * @param root      the state root
     * @param collector removes containers' leftovers
     * @param cgroups reopens a detached container's cgroup, for its stats and pause
     * @param execs   starts execs into detached containers; called at the first exec only
     * @param starter starts a created container from its saved plan
     */
    public ContainerIndex(StateRoot root, GarbageCollector collector, CgroupManager cgroups, Supplier<ExecLauncher> execs,
                          Consumer<ContainerDirectory> starter) {
        this.starter = starter;
        this.root = root;
        this.collector = collector;
        this.cgroups = cgroups;
        this.execs = execs;
    }

    CgroupManager cgroups() {
        return cgroups;
    }

    void start(ContainerDirectory dir) {
        starter.accept(dir);
    }

    ExecLauncher execs() {
        return execs.get();
    }

    /** All containers with a state file, oldest first. */
    public List<ContainerSummary> list() {
        List<ContainerSummary> out = new ArrayList<>();
        for (ContainerDirectory dir : directories()) {
            summarize(dir).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(ContainerSummary::created));
        return out;
    }

    /** A detached container by exact id, exact name, or a unique id prefix. */
    public Optional<DetachedContainer> find(String idOrName) {
        if (idOrName.isBlank()) {
            return Optional.empty();
        }
        List<ContainerDirectory> byPrefix = new ArrayList<>();
        for (ContainerDirectory dir : directories()) {
            if (!Files.exists(dir.path().resolve(DetachedRecord.FILE))) {
                continue;
            }
            Optional<ContainerState> state = dir.load();
            if (dir.id().equals(idOrName) || state.map(s -> idOrName.equals(s.name())).orElse(false)) {
                return Optional.of(handle(dir));
            }
            if (dir.id().startsWith(idOrName)) {
                byPrefix.add(dir);
            }
        }
        if (byPrefix.size() > 1) {
            throw new LitException("'" + idOrName + "' names " + byPrefix.size() + " containers: give more of the id");
        }
        return byPrefix.stream().findFirst().map(this::handle);
    }

    public LinuxDetachedContainer handle(ContainerDirectory dir) {
        return new LinuxDetachedContainer(dir, collector, this);
    }

    Optional<ContainerSummary> summarize(ContainerDirectory dir) {
        Optional<ContainerState> loaded = dir.load();
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        ContainerState state = loaded.get();
        Optional<DetachedRecord> detached = DetachedRecord.read(dir.path());
        if (detached.isEmpty()) {
            boolean running = state.owner().isAlive() && state.init() != null && state.init().isAlive();
            return Optional.of(new ContainerSummary(state.id(), state.name(),
                    running ? ContainerSummary.State.RUNNING : ContainerSummary.State.EXITED, state.created(), "", "",
                    running ? state.init().pid() : 0, false, null, 0));
        }
        DetachedRecord record = detached.get();
        if (Files.exists(dir.path().resolve(GarbageCollector.CREATED))) {
            return Optional.of(new ContainerSummary(state.id(), state.name(), ContainerSummary.State.CREATED, state.created(),
                    record.base(), record.command(), 0, true, null, 0));
        }
        Optional<MonitorStatus> status = MonitorStatus.read(dir.path());
        ContainerSummary.State s;
        long pid = 0;
        ExitStatus exit = status.map(MonitorStatus::exit).orElse(null);
        if (status.isPresent() && status.get().alive()) {
            boolean restarting = status.get().state().equals("restarting");
            s = restarting ? ContainerSummary.State.RESTARTING : ContainerSummary.State.RUNNING;
            if (!restarting && status.get().init() != null) {
                pid = status.get().init().pid();
            }
        } else {
            s = ContainerSummary.State.EXITED;
            if (status.isEmpty() || !status.get().state().equals("exited")) {
                exit = new ExitStatus.Signaled(9); // the monitor was killed: so was PID 1, by its parent-death signal
            }
        }
        return Optional.of(new ContainerSummary(state.id(), state.name(), s, state.created(), record.base(), record.command(),
                pid, true, exit == null ? null : withOomKill(exit, state), status.map(MonitorStatus::restarts).orElse(0)));
    }

    /**
     * A SIGKILL (137 from Lit's init, which exits with 128 + the signal that ended the command)
     * is the OOM killer's when the container's memory cgroup counts an OOM kill.
     */
    private static ExitStatus withOomKill(ExitStatus exit, ContainerState state) {
        if (exit.code() != 128 + Signal.SIGKILL.number()) {
            return exit;
        }
        for (ContainerCgroup.Directory d : state.cgroups()) {
            String file = d.version() == 2 ? "memory.events" : "memory.oom_control";
            if (Files.exists(d.path().resolve(file))
                    && new ContainerCgroup(state.id(), state.cgroups(), Map.of(Controller.MEMORY, d)).oomKills() > 0) {
                return new ExitStatus.OomKilled(Signal.SIGKILL.number());
            }
        }
        return exit;
    }

    private List<ContainerDirectory> directories() {
        try (Stream<Path> s = Files.list(root.containers())) {
            return s.filter(Files::isDirectory).sorted()
                    .map(p -> new ContainerDirectory(p.getFileName().toString(), p)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Reserves a name for a new detached container: {@code names/<name>} holds the id, created
     * atomically. A reservation whose container directory is gone is stale and taken over;
     * attached containers of live JVMs count too.
     */
    public void reserveName(String name, String id) {
        for (ContainerSummary c : list()) {
            if (name.equals(c.name()) && !c.detached() && c.state() == ContainerSummary.State.RUNNING) {
                throw nameTaken(name, c.id());
            }
        }
        Path file = root.path().resolve("names").resolve(name);
        try {
            Files.createDirectories(file.getParent());
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    Files.writeString(file, id, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                    return;
                } catch (FileAlreadyExistsException e) {
                    String holder = readQuietly(file);
                    if (!holder.isEmpty() && Files.isDirectory(root.containers().resolve(holder))) {
                        throw nameTaken(name, holder);
                    }
                    Files.deleteIfExists(file); // stale: its container is gone
                }
            }
            throw new LitException("cannot reserve the container name " + name + ": it keeps being taken");
        } catch (IOException e) {
            throw new LitException("cannot reserve the container name " + name + " in " + file.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** Gives the name back, if this container holds it. */
    public void release(String name, String id) {
        Path file = root.path().resolve("names").resolve(name);
        if (readQuietly(file).equals(id)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // stale reservations are taken over
            }
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    private static LitException nameTaken(String name, String holder) {
        return new LitException("the container name " + name + " is in use by container " + holder + ": remove it or choose another name");
    }
}
