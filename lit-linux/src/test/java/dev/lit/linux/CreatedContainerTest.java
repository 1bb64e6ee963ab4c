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
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.LogEntry;
import dev.lit.LogQuery;
import dev.lit.Security;
import dev.lit.UnsupportedFeatureException;
import dev.lit.linux.state.ContainerDirectory;
import dev.lit.linux.testing.DetachMain;
import dev.lit.linux.testing.Host;
import dev.lit.linux.testing.DetachedContainers;
import dev.lit.linux.testing.Leaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Docker's create then start: a detached container prepared by one JVM and started by any. */
@Tag("root")
@Tag("cgroup")
class CreatedContainerTest {
    private final DetachedContainers made = new DetachedContainers();

    @BeforeEach
    void rootAndClean() {
        Host.assumeRoot();
        Lit.runtime().collectGarbage();
        Leaks.assertNoneOf(List.of());
    }

    @AfterEach
    void removeAll() throws Exception {
        made.removeAllAndCheck();
    }


    private static List<Path> cgroupDirs(DetachedContainer c) {
        return new ContainerDirectory(c.id(), dir(c)).load().orElseThrow().cgroups().stream()
                .map(d -> d.path()).toList();
    }

    @Test
    void aContainerCreatedByAnotherJvmSurvivesTheCleanupPassAndStartsHere() throws Exception {
        String name = "created-" + ProcessHandle.current().pid();
        String id = DetachMain.createInAnotherJvm(name, "echo hello; exec sleep 60");
        DetachedContainer c = Lit.find(name).orElseThrow();
        made.add(c);
        assertEquals(id, c.id());
        assertEquals(ContainerSummary.State.CREATED, c.summary().state());
        assertFalse(c.isAlive());
        assertEquals(0, c.pid());

        // Its creator is dead and it asked to go at its end (--rm): only its created marker keeps it.
        Lit.runtime().collectGarbage();
        assertTrue(Files.isDirectory(dir(c)), "the cleanup pass keeps a created container");
        assertFalse(cgroupDirs(c).isEmpty());
        assertTrue(cgroupDirs(c).stream().allMatch(Files::isDirectory), "and its cgroups");

        c.start();
        assertTrue(c.isAlive());
        assertEquals(ContainerSummary.State.RUNNING, c.summary().state());
        assertTrue(c.pid() > 0 && ProcessHandle.of(c.pid()).isPresent());
        assertEquals(List.of("hello"), awaitLog(c));
        LitException again = assertThrows(LitException.class, c::start);
        assertTrue(again.getMessage().contains("not in state created (running)"), again.getMessage());

        c.stop(java.time.Duration.ofSeconds(5)); // a --rm container may take its status along: stop() does not need it
        for (int i = 0; i < 250 && Files.exists(dir(c)); i++) {
            Thread.sleep(20);
        }
        assertFalse(Files.exists(dir(c)), "--rm: it went at its end");
    }

    @Test
    void removingACreatedContainerLeavesNothing() {
        DetachedContainer c = Lit.createDetached(shSpec("exec sleep 60").name("created-rm-" + ProcessHandle.current().pid()));
        made.add(c);
        List<Path> cgroups = cgroupDirs(c);
        assertEquals(ContainerSummary.State.CREATED,
                Lit.list().stream().filter(s -> s.id().equals(c.id())).findFirst().orElseThrow().state());
        assertThrows(LitException.class, () -> c.exec("true").close(), "nothing runs to exec into");
        c.remove();
        assertFalse(Files.exists(dir(c)));
        assertTrue(cgroups.stream().noneMatch(Files::exists), "its cgroups went too: " + cgroups);
        assertTrue(Lit.find(c.id()).isEmpty());
        // the name is free again
        DetachedContainer again = Lit.createDetached(shSpec("true").name("created-rm-" + ProcessHandle.current().pid()));
        made.add(again);
        again.remove();
    }

    @Test
    void aUserNamespaceIsRefusedAtCreateAndLeavesNothing() {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> Lit.createDetached(
                shSpec("true").security(Security.DEFAULT.withUserNamespace(Security.UserNamespace.AUTO)), DetachOptions.DEFAULT));
        assertTrue(e.getMessage().contains("user namespace"), e.getMessage());
        Leaks.assertNoneOf(List.of());
    }

    private static List<String> awaitLog(DetachedContainer c) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Stream<LogEntry> s = c.logs(LogQuery.ALL)) {
                List<String> texts = s.map(LogEntry::text).toList();
                if (!texts.isEmpty()) {
                    return texts;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log entry");
    }
}
