package dev.lit.cli;

import static dev.lit.cli.Cli.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.cli.Cli.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code lit exec}, {@code stats}, {@code pause} and {@code unpause} on real detached containers. */
@Tag("root")
class ExecStatsPauseCommandsTest {
    private final String name = "cli-exec-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;

    @BeforeEach
    void root() {
        Cli.assumeRoot();
    }

    @AfterEach
    void removeLeftovers() {
        lit("rm", "-f", name);
    }

    private static Outcome ok(Outcome o) {
        assertEquals(0, o.status(), o::toString);
        return o;
    }

    @Test
    void execRunsACommandInTheContainerAndExitsWithItsStatus() {
        ok(lit("run", "-d", "--name", name, "-e", "GREETING=hello", "host", "/bin/sh", "-c", "exec sleep 60"));

        Outcome sh = lit("exec", "-e", "WHO=world", "-w", "/tmp", name, "/bin/sh", "-c", "echo $GREETING $WHO; pwd; echo oops >&2; exit 7");
        assertEquals(7, sh.status(), sh::toString);
        assertEquals("hello world\n/tmp\n", sh.out());
        assertEquals("oops\n", sh.err());

        assertEquals("1000\n", ok(lit("exec", "-u", "1000", name, "id", "-u")).out());

        Outcome missing = lit("exec", name, "/no/such/command");
        assertEquals(127, missing.status(), missing::toString);
        Outcome notExecutable = lit("exec", name, "/etc/hostname");
        assertEquals(126, notExecutable.status(), notExecutable::toString);
        Outcome noContainer = lit("exec", name + "-none", "true");
        assertEquals(125, noContainer.status(), noContainer::toString);
        assertTrue(noContainer.err().contains("no such container"), noContainer::toString);
    }

    @Test
    void statsShowMemoryAndProcessesAsATableOrJson() {
        String id = ok(lit("run", "-d", "--name", name, "--memory", "64m", "host", "/bin/sh", "-c", "sleep 60 & exec sleep 60")).out().strip();

        String table = ok(lit("stats", "--no-stream", name)).out();
        assertTrue(table.startsWith("CONTAINER ID   NAME"), table);
        assertTrue(table.contains("MEM USAGE / LIMIT") && table.contains("PIDS"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith(id) && l.contains(name) && l.contains("/ 64MiB")), table);

        String json = ok(lit("stats", "--no-stream", "--format", "json", name)).out();
        assertTrue(json.startsWith("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"cpu_percent\":"), json);
        assertTrue(json.contains("\"memory_limit_bytes\":67108864"), json);
        assertTrue(json.matches("(?s).*\"memory_bytes\":[1-9][0-9]*,.*") && json.matches("(?s).*\"pids\":[2-9],.*"), json);

        assertTrue(ok(lit("stats", "--no-stream")).out().contains(id), "every running detached container by default");
    }

    @Test
    void aPausedContainerRefusesExecAndRunsAgainWhenUnpaused() throws Exception {
        ok(lit("run", "-d", "--name", name, "host", "/bin/sh", "-c", "while :; do :; done"));
        assertEquals(name + "\n", ok(lit("pause", name)).out());

        String ps = ok(lit("ps")).out();
        assertTrue(ps.lines().anyMatch(l -> l.contains(name) && l.endsWith("running (paused)")), ps);
        assertTrue(ok(lit("ps", "--format", "json")).out().lines().anyMatch(l -> l.contains(name) && l.contains("\"paused\":true")));
        String json = ok(lit("stats", "--no-stream", "--format", "json", name)).out();
        assertTrue(json.contains("\"cpu_percent\":0.0,"), "no CPU time while paused: " + json);
        Outcome exec = lit("exec", name, "true");
        assertEquals(125, exec.status(), exec::toString);
        assertTrue(exec.err().contains("is paused"), exec::toString);

        ok(lit("unpause", name));
        String running = ok(lit("stats", "--no-stream", "--format", "json", name)).out();
        assertTrue(!running.contains("\"cpu_percent\":0.0,"), "it runs again: " + running);
        ok(lit("exec", name, "true"));
    }
}
