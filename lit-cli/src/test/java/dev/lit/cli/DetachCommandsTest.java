package dev.lit.cli;

import static dev.lit.cli.Cli.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.cli.Cli.Outcome;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code lit run -d}, {@code ps}, {@code logs}, {@code stop}, {@code kill}, {@code rm} and {@code volume} on real containers. */
@Tag("root")
class DetachCommandsTest {
    private final String name = "cli-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;

    @BeforeEach
    void root() {
        Cli.assumeRoot();
    }

    @AfterEach
    void removeLeftovers() {
        lit("rm", "-f", name);
        lit("volume", "rm", name + "-vol");
    }

    private static Outcome ok(Outcome o) {
        assertEquals(0, o.status(), o::toString);
        return o;
    }

    @Test
    void aDetachedContainerIsListedLoggedStoppedAndRemoved() throws Exception {
        String id = ok(lit("run", "-d", "--name", name, "host", "/bin/sh", "-c", "echo out; echo err >&2; exec sleep 60")).out().strip();
        assertTrue(id.matches("[0-9a-f]{12}"), id);

        String ps = ok(lit("ps")).out();
        assertTrue(ps.lines().anyMatch(l -> l.startsWith(id) && l.contains(name) && l.contains("running")), ps);
        String json = ok(lit("ps", "--format", "json")).out();
        assertTrue(json.lines().anyMatch(l -> l.startsWith("{\"id\":\"" + id + "\",\"name\":\"" + name + "\"")
                && l.contains("\"state\":\"running\"") && l.contains("\"detached\":true")), json);

        Outcome logs = awaitLogs(name);
        assertEquals("out\n", logs.out());
        assertEquals("err\n", logs.err());

        Outcome rm = lit("rm", name);
        assertEquals(125, rm.status(), rm::toString);
        assertTrue(rm.err().contains("is running"), rm::toString);

        ok(lit("stop", "-t", "5", name));
        String all = ok(lit("ps", "-a")).out();
        assertTrue(all.lines().anyMatch(l -> l.startsWith(id) && l.contains("exited (143)")), all);
        assertFalse(ok(lit("ps", "-q")).out().contains(id), "ended containers show with -a only");
        assertEquals("out\n", ok(lit("logs", id.substring(0, 8))).out(), "logs stay after the end");

        ok(lit("rm", name));
        assertFalse(ok(lit("ps", "-a", "-q")).out().contains(id));
        Outcome gone = lit("logs", name);
        assertEquals(125, gone.status());
        assertTrue(gone.err().contains("no such container: " + name), gone::toString);
    }

    @Test
    void aCreatedContainerIsListedAsCreatedStartedAndRemoved() throws Exception {
        String id = ok(lit("create", "--name", name, "-e", "WHO=world", "host", "/bin/sh", "-c", "echo hello $WHO; echo err >&2; exec sleep 60"))
                .out().strip();
        assertTrue(id.matches("[0-9a-f]{12}"), id);
        assertTrue(ok(lit("ps", "-a")).out().lines().anyMatch(l -> l.startsWith(id) && l.contains(name) && l.contains("created")));
        assertFalse(ok(lit("ps", "-q")).out().contains(id), "a created container shows with -a only");
        assertEquals("", ok(lit("logs", name)).out(), "nothing ran yet");

        assertEquals(name + "\n", ok(lit("start", name)).out());
        assertTrue(ok(lit("ps")).out().lines().anyMatch(l -> l.startsWith(id) && l.contains("running")));
        assertEquals("hello world\n", awaitLogs(name).out());
        Outcome again = lit("start", name);
        assertEquals(125, again.status(), again::toString);
        assertTrue(again.err().contains("not in state created"), again::toString);

        ok(lit("rm", "-f", name));
        assertFalse(ok(lit("ps", "-a", "-q")).out().contains(id));
    }

    @Test
    void aCreatedContainerThatNeverRanIsRemoved() {
        String id = ok(lit("create", "--name", name, "host", "/bin/true")).out().strip();
        ok(lit("rm", name));
        assertFalse(ok(lit("ps", "-a", "-q")).out().contains(id));
        assertEquals(125, lit("start", name).status());
    }

    @Test
    void createRefusesATerminal() {
        Outcome o = lit("create", "-t", "--name", name, "host", "/bin/sh");
        assertEquals(125, o.status(), o::toString);
        assertTrue(o.err().contains("-t"), o::toString);
        assertFalse(ok(lit("ps", "-a")).out().contains(name));
    }

    private static Outcome awaitLogs(String container) throws InterruptedException {
        Outcome logs = null;
        for (int i = 0; i < 100; i++) {
            logs = ok(lit("logs", container));
            if (!logs.out().isEmpty() && !logs.err().isEmpty()) {
                break;
            }
            Thread.sleep(20);
        }
        return logs;
    }

    @Test
    void logsFollowUntilTheEndAndRestartPolicyAndTimestamps() {
        ok(lit("run", "-d", "--name", name, "--restart", "on-failure:2", "host", "/bin/sh", "-c", "echo try; exit 1"));
        Outcome follow = ok(lit("logs", "-f", "-t", name));
        List<String> lines = follow.out().lines().toList();
        assertEquals(3, lines.size(), follow::toString);
        assertTrue(lines.stream().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z try")), follow::toString);
        String all = ok(lit("ps", "-a")).out();
        assertTrue(all.lines().anyMatch(l -> l.contains(name) && l.contains("exited (1) (2 restarts)")), all);
    }

    @Test
    void killSendsASignalAndBadValuesAre125() {
        ok(lit("run", "-d", "--name", name, "host", "/bin/sh", "-c", "trap 'echo hup' HUP; while true; do sleep 0.05; done"));
        Outcome bad = lit("kill", "-s", "NOPE", name);
        assertEquals(125, bad.status());
        assertTrue(bad.err().contains("'NOPE' is not a signal name"), bad::toString);
        Outcome restartWithoutD = lit("run", "--restart", "always", "host", "/bin/true");
        assertEquals(125, restartWithoutD.status());
        assertTrue(restartWithoutD.err().contains("--restart applies to detached containers only"), restartWithoutD::toString);
        Outcome badPolicy = lit("run", "-d", "--restart", "sometimes", "host", "/bin/true");
        assertEquals(125, badPolicy.status());
        assertTrue(badPolicy.err().contains("--restart: 'sometimes' is not a restart policy"), badPolicy::toString);
    }

    @Test
    void volumesAreCreatedByRunListedAndRemoved() {
        String volume = name + "-vol";
        Outcome run = lit("run", "-v", volume + ":/data", "host", "/bin/sh", "-c", "echo hi > /data/f; cat /data/f");
        assertEquals(0, run.status(), run::toString);
        assertTrue(ok(lit("volume", "ls", "-q")).out().lines().anyMatch(volume::equals));
        assertEquals("hi\n", ok(lit("run", "-v", volume + ":/v:ro", "host", "/bin/cat", "/v/f")).out());
        ok(lit("volume", "rm", volume));
        assertFalse(ok(lit("volume", "ls", "-q")).out().lines().anyMatch(volume::equals));
    }

    @Test
    void inspectShowsTheStateAndAttachFollowsUntilTheEndWithItsStatus() throws Exception {
        String id = ok(lit("run", "-d", "-i", "--name", name, "host", "/bin/sh", "-c", "read go; echo went $go; exit 5")).out().strip();
        String inspect = ok(lit("inspect", name)).out();
        assertTrue(inspect.contains("id:        " + id) && inspect.contains("state:     running"), inspect);
        String json = ok(lit("inspect", "--format", "json", name)).out();
        assertTrue(json.startsWith("{\"id\":\"" + id + "\"") && json.contains("\"exit_code\":null"), json);

        Thread feeder = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(300);
                try (var in = dev.lit.Lit.find(name).orElseThrow().stdin()) {
                    in.write("now\n".getBytes());
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Outcome attach = lit("attach", "--no-stdin", name);
        feeder.join();
        assertEquals(5, attach.status(), attach::toString);
        assertEquals("went now\n", attach.out(), attach::toString);
        assertTrue(ok(lit("inspect", "--format", "json", name)).out().contains("\"exit_code\":5"));
    }
}
