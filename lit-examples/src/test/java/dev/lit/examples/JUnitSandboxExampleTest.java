package dev.lit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.ContainerSpec;
import dev.lit.ExitStatus;
import dev.lit.RunResult;
import dev.lit.junit.LitExtension;
import dev.lit.junit.LitSandbox;
import dev.lit.junit.Sandbox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A harness that grades untrusted snippets, as lit-junit serves it: each test gets a sandbox
 * with limits, every snippet runs in a fresh container, and all of them are gone after the test.
 */
@Tag("root")
@ExtendWith(LitExtension.class)
@EnabledIf(value = "dev.lit.examples.ExampleHost#isRoot", disabledReason = "needs root to run containers as root")
class JUnitSandboxExampleTest {

    /** What every snippet runs in: no capabilities, nobody's uid, little memory, few processes. */
    ContainerSpec.Builder untrusted() {
        return dev.lit.Container.builder().capDropAll().user("65534:65534").memory("32M").pids(16);
    }

    @Test
    void aWellBehavedSnippetPasses(@LitSandbox(spec = "untrusted") Sandbox sandbox) throws InterruptedException {
        RunResult r = sandbox.run("/bin/sh", "-c", "echo $((6 * 7)); id -u");

        assertTrue(r.success(), r::toString);
        assertEquals("42\n65534\n", r.stdoutText());
    }

    @Test
    void aForkBombHitsThePidsLimitAndTheSandboxStillEnds(@LitSandbox(spec = "untrusted") Sandbox sandbox) throws InterruptedException {
        RunResult r = sandbox.run("/bin/sh", "-c", "for i in $(seq 100); do sleep 5 & done; wait");

        assertTrue(!r.success() && r.stderrText().contains("Cannot fork"), () -> r + ": " + r.stderrText());
    }

    @Test
    void aGreedySnippetIsKilledByTheOomKiller(@LitSandbox(spec = "untrusted") Sandbox sandbox) throws InterruptedException {
        RunResult r = sandbox.run("/bin/sh", "-c", "x=a; while true; do x=$x$x; done");

        assertTrue(r.status() instanceof ExitStatus.OomKilled, r::toString);
    }
}
