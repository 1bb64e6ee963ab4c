package dev.lit.linux;

import static dev.lit.linux.testing.DetachedContainers.dir;

import static dev.lit.linux.ContainerIsolationTest.shSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.ContainerSummary;
import dev.lit.DetachOptions;
import dev.lit.DetachedContainer;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.LogEntry;
import dev.lit.LogQuery;
import dev.lit.RestartPolicy;
import dev.lit.Security;
import dev.lit.Signal;
import dev.lit.Stdio;
import dev.lit.UnsupportedFeatureException;
import dev.lit.ByteSize;
import dev.lit.linux.testing.DetachMain;
import dev.lit.linux.testing.Host;
import dev.lit.linux.testing.DetachedContainers;
import dev.lit.linux.testing.Leaks;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Containers supervised by Lit's monitor: they outlive the JVM, log, restart, and go on remove. */
@Tag("root")
@Tag("cgroup")
class DetachedContainerTest {
    private final DetachedContainers started = new DetachedContainers();

    @BeforeEach
    void rootAndClean() {
        Host.assumeRoot();
        Lit.runtime().collectGarbage();
        Leaks.assertNoneOf(List.of());
    }

    @AfterEach
    void removeAll() throws Exception {
        started.removeAllAndCheck();
    }

    private DetachedContainer detach(String script, DetachOptions options) {
        DetachedContainer c = Lit.startDetached(shSpec(script), options);
        started.add(c);
        return c;
    }


    private static List<String> texts(DetachedContainer c) {
        try (Stream<LogEntry> s = c.logs(LogQuery.ALL)) {
            return s.map(LogEntry::text).toList();
        }
    }

    @Test
    void aContainerDetachedByAnotherJvmOutlivesItAndIsListedLoggedStoppedAndRemovedHere() throws Exception {
        String name = "detached-" + ProcessHandle.current().pid();
        String id = DetachMain.runInAnotherJvm(name, "echo hello; echo oops >&2; exec sleep 60");
        DetachedContainer c = Lit.find(name).orElseThrow();
        started.add(c);
        assertEquals(id, c.id());
        assertEquals(id, Lit.find(id.substring(0, 8)).orElseThrow().id(), "found by an id prefix too");
        ContainerSummary s = Lit.list().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertEquals(ContainerSummary.State.RUNNING, s.state());
        assertEquals(name, s.name());
        assertTrue(s.detached() && s.pid() > 0 && ProcessHandle.of(s.pid()).isPresent(), s.toString());
        assertTrue(s.command().contains("sleep 60"), s.command());

        List<LogEntry> logs = awaitLogs(c, 2);
        assertEquals(List.of("hello", "oops"), logs.stream().map(LogEntry::text).sorted().toList());
        assertEquals(LogEntry.Stream.STDERR, logs.stream().filter(e -> e.text().equals("oops")).findFirst().orElseThrow().stream());

        assertThrows(LitException.class, c::remove, "a running container is not removed");
        c.stop(Duration.ofSeconds(5));
        assertFalse(c.isAlive());
        assertEquals(new ExitStatus.Exited(128 + 15), c.summary().exit(), "sleep ended by SIGTERM, as the init reports it");
        assertEquals(ContainerSummary.State.EXITED, Lit.find(name).orElseThrow().summary().state());
        assertEquals(List.of("hello", "oops"), texts(c).stream().sorted().toList(), "logs stay readable after the end");
        c.remove();
        assertFalse(Files.exists(dir(c)));
        assertTrue(Lit.find(name).isEmpty());
    }

    private static List<LogEntry> awaitLogs(DetachedContainer c, int count) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<LogEntry> entries;
            try (Stream<LogEntry> s = c.logs(LogQuery.ALL)) {
                entries = s.toList();
            }
            if (entries.size() >= count) {
                return entries;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " log entries: " + texts(c));
    }

    @Test
    void followGetsLinesAsTheContainerWritesThemAndEndsWithIt() throws Exception {
        DetachedContainer c = detach("i=0; while [ $i -lt 10 ]; do echo line $i; i=$((i+1)); sleep 0.1; done", DetachOptions.DEFAULT);
        List<Long> arrivals = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (Stream<LogEntry> s = c.logs(LogQuery.followAll())) {
            s.forEach(e -> {
                arrivals.add(System.nanoTime());
                lines.add(e.text());
            });
        }
        assertEquals(10, lines.size(), lines.toString());
        assertEquals("line 0", lines.getFirst());
        assertEquals("line 9", lines.getLast());
        assertTrue(Duration.ofNanos(arrivals.getLast() - arrivals.getFirst()).toMillis() >= 500,
                "lines arrived live, not all at the end");
        assertFalse(c.isAlive(), "follow ends when the container has ended");
        assertEquals(new ExitStatus.Exited(0), c.waitFor());
    }

    @Test
    void theLogRotatesAtItsCapAndKeepsOnlyTheNewestFiles() throws Exception {
        // 300 lines of about 130 bytes with their headers: some 39 KiB through a 4 KiB cap and 3 files
        DetachedContainer c = detach("i=0; while [ $i -lt 300 ]; do echo \"$i $(printf '%080d' 0)\"; i=$((i+1)); done",
                DetachOptions.DEFAULT.withLogLimit(ByteSize.ofBytes(4096), 3));
        c.waitFor();
        Path log = dir(c).resolve("container.log");
        assertTrue(Files.exists(log.resolveSibling("container.log.1")) && Files.exists(log.resolveSibling("container.log.2")));
        assertFalse(Files.exists(log.resolveSibling("container.log.3")), "only 3 files are kept");
        for (String f : List.of("container.log", "container.log.1", "container.log.2")) {
            assertTrue(Files.size(log.resolveSibling(f)) < 4096 + 200, f + " is about the cap");
        }
        List<Integer> numbers = texts(c).stream().map(t -> Integer.parseInt(t.split(" ")[0])).toList();
        assertEquals(299, numbers.getLast(), "the newest line is kept");
        assertTrue(numbers.getFirst() > 0, "the oldest lines rolled away");
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals(numbers.get(i - 1) + 1, numbers.get(i), "in order, none missing between the kept files");
        }
    }

    @Test
    void sinceLeavesOutOlderEntries() throws Exception {
        DetachedContainer c = detach("echo early; sleep 0.3; echo late", DetachOptions.DEFAULT);
        c.waitFor();
        List<LogEntry> all;
        try (Stream<LogEntry> s = c.logs(LogQuery.ALL)) {
            all = s.toList();
        }
        assertEquals(List.of("early", "late"), all.stream().map(LogEntry::text).toList());
        Instant late = all.get(1).time();
        assertTrue(Duration.between(all.get(0).time(), late).toMillis() >= 250, "timestamps are the times of writing");
        try (Stream<LogEntry> s = c.logs(LogQuery.ALL.withSince(late.minusMillis(100)))) {
            assertEquals(List.of("late"), s.map(LogEntry::text).toList());
        }
    }

    @Test
    void onFailureRestartsAFailingCommandExactlyMaxRetriesTimes() throws Exception {
        DetachedContainer c = detach("echo run; exit 3", DetachOptions.DEFAULT.withRestart(RestartPolicy.onFailure(3)));
        assertEquals(new ExitStatus.Exited(3), c.waitFor());
        assertEquals(3, c.summary().restarts());
        assertEquals(List.of("run", "run", "run", "run"), texts(c), "the first run and three restarts");
    }

    @Test
    void alwaysRestartsAfterSuccessUntilStopped() throws Exception {
        DetachedContainer c = detach("echo run", DetachOptions.DEFAULT.withRestart(RestartPolicy.always()));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (c.summary().restarts() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(c.summary().restarts() >= 2, "restarted after exit 0");
        c.stop(Duration.ofSeconds(2));
        int restarts = c.summary().restarts();
        Thread.sleep(1000);
        assertFalse(c.isAlive());
        assertEquals(restarts, c.summary().restarts(), "no restart after stop");
        assertEquals(ContainerSummary.State.EXITED, c.summary().state());
    }

    @Test
    void theCleanupPassLeavesALiveDetachedContainerAloneAndCleansOneWhoseMonitorDied() throws Exception {
        DetachedContainer kept = detach("exec sleep 60", DetachOptions.DEFAULT);
        DetachedContainer gone = detach("exec sleep 60", DetachOptions.DEFAULT.withAutoRemove(true));
        Lit.runtime().collectGarbage();
        assertTrue(kept.isAlive() && gone.isAlive(), "live monitors: nothing collected");

        long goneInit = gone.pid();
        killMonitor(gone);
        awaitGone(goneInit);
        assertTrue(Files.isDirectory(dir(gone)), "its monitor died before it could remove it");
        Lit.runtime().collectGarbage();
        assertFalse(Files.exists(dir(gone)), "the cleanup pass removed a dead --rm container");

        long keptInit = kept.pid();
        killMonitor(kept);
        awaitGone(keptInit);
        Lit.runtime().collectGarbage();
        assertTrue(Files.isDirectory(dir(kept)), "an ended container stays until removed");
        assertEquals(ContainerSummary.State.EXITED, kept.summary().state());
        kept.remove();
    }

    private static void killMonitor(DetachedContainer c) throws Exception {
        String status = Files.readString(dir(c).resolve("status"));
        String monitor = status.lines().filter(l -> l.startsWith("monitor=")).findFirst().orElseThrow();
        long pid = Long.parseLong(monitor.substring("monitor=".length(), monitor.indexOf('@')));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    }

    private static void awaitGone(long pid) throws InterruptedException {
        for (int i = 0; i < 250 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(20);
        }
        assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive(), "PID 1 died with its monitor");
    }

    @Test
    void aRemovedAtTheEndContainerLeavesNothing() throws Exception {
        DetachedContainer c = detach("echo bye", DetachOptions.DEFAULT.withAutoRemove(true));
        for (int i = 0; i < 250 && Files.exists(dir(c)); i++) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(dir(c)));
    }

    @Test
    void theCleanupPassRemovesTheNameOfARemovedAtTheEndContainer() throws Exception {
        String name = "quick-" + ProcessHandle.current().pid();
        Path reservation = ((LinuxRuntime) Lit.runtime()).stateRoot().path().resolve("names").resolve(name);
        DetachedContainer c = Lit.startDetached(shSpec("echo x").name(name), DetachOptions.DEFAULT.withAutoRemove(true));
        started.add(c);
        for (int i = 0; i < 250 && Files.exists(dir(c)); i++) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(dir(c)));
        Lit.runtime().collectGarbage();
        assertFalse(Files.exists(reservation), "a name whose container is gone is released by the cleanup pass");
    }

    @Test
    void aDetachedContainerOnABridgeNetworkIsRefusedBeforeAnythingIsMade() throws Exception {
        int before = Lit.list().size();
        dev.lit.UnsupportedFeatureException e = assertThrows(dev.lit.UnsupportedFeatureException.class,
                () -> Lit.startDetached(shSpec("exec sleep 60").network("lit")));
        assertTrue(e.getMessage().contains("bridge network"), e.getMessage());
        assertEquals(before, Lit.list().size(), "no container was recorded");
    }

    @Test
    void namesAreUniqueAndAFailedStartLeavesNothing() throws Exception {
        String name = "unique-" + ProcessHandle.current().pid();
        DetachedContainer first = Lit.startDetached(shSpec("exec sleep 60").name(name));
        started.add(first);
        LitException e = assertThrows(LitException.class, () -> Lit.startDetached(shSpec("exec sleep 60").name(name)));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(first.id()), e.getMessage());
        assertEquals(1, Lit.list().stream().filter(s -> name.equals(s.name())).count());
        first.forceRemove();
        DetachedContainer again = Lit.startDetached(shSpec("exec sleep 60").name(name));
        started.add(again);
        assertEquals(again.id(), Lit.find(name).map(DetachedContainer::id).orElseThrow(), "a removed container's name is free");
    }

    @Test
    void attachedContainersHoldTheirNameTooUntilClosed() throws Exception {
        String name = "attached-" + ProcessHandle.current().pid();
        Path reservation = ((LinuxRuntime) Lit.runtime()).stateRoot().path().resolve("names").resolve(name);
        String otherId;
        try (dev.lit.Container first = Lit.start(shSpec("exec sleep 60").name(name))) {
            LitException attached = assertThrows(LitException.class, () -> Lit.start(shSpec("exec sleep 60").name(name)));
            assertTrue(attached.getMessage().contains("name " + name + " is in use by container " + first.id()), attached.getMessage());
            LitException detached = assertThrows(LitException.class, () -> Lit.startDetached(shSpec("exec sleep 60").name(name)));
            assertTrue(detached.getMessage().contains(first.id()), detached.getMessage());
            assertEquals(first.id(), Files.readString(reservation).strip());
            assertEquals(List.of("state dir " + ((LinuxRuntime) Lit.runtime()).stateRoot().containers().resolve(first.id())),
                    Leaks.find().stream().filter(l -> l.startsWith("state dir")).toList(), "the failed starts left nothing");
            otherId = first.id();
        }
        assertFalse(Files.exists(reservation), "closing gives the name back");
        try (dev.lit.Container again = Lit.start(shSpec("exec sleep 60").name(name))) {
            assertFalse(again.id().equals(otherId));
        }
        assertFalse(Files.exists(reservation));
    }

    @Test
    void killSignalsTheCommand() throws Exception {
        DetachedContainer c = detach("trap 'echo got term; exit 7' TERM; while true; do sleep 0.05; done", DetachOptions.DEFAULT);
        awaitRunning(c);
        Thread.sleep(200);
        c.kill(Signal.SIGTERM);
        assertEquals(Optional.of(new ExitStatus.Exited(7)), c.waitFor(Duration.ofSeconds(10)));
        assertEquals(List.of("got term"), texts(c));
    }

    private static void awaitRunning(DetachedContainer c) throws InterruptedException {
        for (int i = 0; i < 100 && c.summary().state() != ContainerSummary.State.RUNNING; i++) {
            Thread.sleep(20);
        }
    }

    @Test
    void inputForADetachedContainerIsRefusedAndLeavesNothing() {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> Lit.startDetached(shSpec("cat").stdin(Stdio.text("hello"))));
        assertTrue(e.getMessage().contains("withStdinOpen"), e.getMessage());
        assertTrue(Lit.find("").isEmpty());
    }

    @Test
    void withoutInitTheCommandIsPidOneAndItsExitIsRecorded() throws Exception {
        DetachedContainer c = Lit.startDetached(shSpec("echo $$; exit 4").init(false));
        started.add(c);
        assertEquals(new ExitStatus.Exited(4), c.waitFor());
        assertEquals(List.of("1"), texts(c));
    }

    @Test
    void thisJvmKeepsNoDescriptorOfADetachedContainer() throws Exception {
        detach("true", DetachOptions.DEFAULT).waitFor(); // the first start opens what a JVM keeps for good (the helper's memfd)
        long before = openDescriptors();
        for (int i = 0; i < 5; i++) {
            detach("exec sleep 60", DetachOptions.DEFAULT);
        }
        assertEquals(before, openDescriptors());
    }

    private static long openDescriptors() throws Exception {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void anOomKillIsReportedAsSuch() throws Exception {
        DetachedContainer c = Lit.startDetached(shSpec("x=a; while true; do x=$x$x$x$x; done").memory("16M"));
        started.add(c);
        assertEquals(new ExitStatus.OomKilled(9), c.waitFor(Duration.ofSeconds(30)).orElseThrow());
    }

    @Test
    void aRestartInItsOwnUserNamespaceGetsItsMapsFromTheMonitor() throws Exception {
        DetachedContainer c = Lit.startDetached(shSpec("head -1 /proc/self/uid_map; exit 1").userNamespace(Security.UserNamespace.AUTO),
                DetachOptions.DEFAULT.withRestart(RestartPolicy.onFailure(1)));
        started.add(c);
        assertEquals(new ExitStatus.Exited(1), c.waitFor());
        List<String> maps = texts(c);
        assertEquals(2, maps.size(), maps.toString());
        assertEquals(maps.get(0), maps.get(1), "the same map, written by the JVM first and by the monitor on restart");
        assertTrue(maps.get(0).strip().startsWith("0"), maps.get(0));
        assertFalse(maps.get(0).strip().matches("0\\s+0\\s+4294967295"), "not the host's identity map");
    }

    @Test
    void commandsThatEndAtOnceStartCleanlyEvenWhenTheMonitorReapedThemFirst() throws Exception {
        for (int i = 0; i < 20; i++) {
            DetachedContainer c = detach(i % 2 == 0 ? "exit 3" : "exec true", DetachOptions.DEFAULT);
            assertEquals(i % 2 == 0 ? 3 : 0, c.waitFor().code());
        }
        for (int i = 0; i < 10; i++) {
            DetachedContainer c = Lit.startDetached(shSpec("true").init(false), DetachOptions.DEFAULT.withAutoRemove(true));
            started.add(c);
        }
    }

    @Test
    void aKeptOpenStdinTakesInputFromAnyWriterAcrossRestarts() throws Exception {
        DetachedContainer c = detach("read line; echo got $line; exit 1",
                DetachOptions.DEFAULT.withStdinOpen(true).withRestart(RestartPolicy.onFailure(1)));
        try (OutputStream in = c.stdin()) {
            in.write("first\n".getBytes());
        }
        awaitLogs(c, 1);
        try (OutputStream in = c.stdin()) {
            in.write("second\n".getBytes());
        }
        assertEquals(new ExitStatus.Exited(1), c.waitFor(Duration.ofSeconds(10)).orElseThrow());
        assertEquals(List.of("got first", "got second"), texts(c));
        DetachedContainer closed = detach("exec sleep 60", DetachOptions.DEFAULT);
        assertThrows(UnsupportedFeatureException.class, closed::stdin);
    }
}
