package dev.lit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lit.ByteSize;
import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/** LitExtension on real containers: parameters, fields, spec methods, and removal after passing and failing tests. */
@Tag("root")
@ExtendWith(LitExtension.class)
class LitExtensionTest {
    @LitSandbox(command = {"/bin/sh", "-c", "echo field; exec sleep 60"}, hostname = "from-field")
    Container field;

    @BeforeEach
    void root() throws IOException {
        assumeTrue(isRoot(), "needs root to run containers as root");
    }

    static boolean isRoot() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aContainerParameterIsStartedFromItsAnnotation(@LitSandbox(command = {"/bin/sh", "-c", "echo $GREETING; exec sleep 60"},
            env = "GREETING=hi") Container container) {
        assertTrue(container.isAlive());
        assertEquals(List.of("/bin/sh", "-c", "echo $GREETING; exec sleep 60"), container.spec().argv());
        assertEquals("hi", container.spec().env().get("GREETING"));
    }

    @Test
    void aContainerWithoutACommandSleepsUntilTheTestEnds(Container container) {
        assertTrue(container.isAlive());
        assertEquals(List.of("sleep", "infinity"), container.spec().argv());
    }

    @Test
    void anAnnotatedFieldGetsItsOwnContainer() {
        assertTrue(field.isAlive());
        assertEquals("from-field", field.spec().hostname());
    }

    @Test
    void aSandboxRunsCommandsWithItsLimits(@LitSandbox(memory = "64M", pids = 20) Sandbox sandbox) throws InterruptedException {
        RunResult r = sandbox.run("/bin/sh", "-c", "echo hello from $(hostname)");
        assertTrue(r.success(), r::toString);
        assertTrue(r.stdoutText().startsWith("hello from "), r::toString);
        assertEquals(ByteSize.parse("64M"), sandbox.builder().command("true").build().resources().memory());
        assertEquals(1, sandbox.containers().size());
    }

    ContainerSpec.Builder namedHost() {
        return Container.builder().command("hostname").hostname("spec-method");
    }

    @Test
    void aSpecMethodIsTheStartingPoint(@LitSandbox(spec = "namedHost", pids = 10) Sandbox sandbox) throws InterruptedException {
        RunResult r = sandbox.run(sandbox.builder());
        assertEquals("spec-method\n", r.stdoutText(), r::toString);
    }

    /** Containers that {@link Failing} received, to check after it ran. */
    static final List<Container> FAILING_GOT = new CopyOnWriteArrayList<>();
    private static volatile boolean launching;

    static boolean launching() {
        return launching;
    }

    /** Run only from {@link #theSandboxesOfAFailingTestAreRemoved()}: it fails on purpose. */
    @ExtendWith(LitExtension.class)
    @EnabledIf("dev.lit.junit.LitExtensionTest#launching")
    static class Failing {
        @Test
        void fails(Container container, Sandbox sandbox) {
            FAILING_GOT.add(container);
            FAILING_GOT.add(sandbox.start("sleep", "60"));
            throw new AssertionError("failing on purpose");
        }
    }

    @Test
    void theSandboxesOfAFailingTestAreRemoved() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launching = true;
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Failing.class)).build(), listener);
        } finally {
            launching = false;
        }
        TestExecutionSummary summary = listener.getSummary();
        assertEquals(1, summary.getTestsFailedCount(), () -> summary.getFailures().toString());
        assertEquals("failing on purpose", summary.getFailures().getFirst().getException().getMessage());
        assertEquals(2, FAILING_GOT.size());
        for (Container c : FAILING_GOT) {
            assertFalse(c.isAlive(), c.id() + " still runs");
            assertFalse(Files.exists(Path.of("/proc", Long.toString(c.pid()))), "pid " + c.pid() + " of " + c.id() + " is still there");
            assertFalse(Files.exists(stateRoot().resolve("containers").resolve(c.id())), c.id() + "'s state directory is still there");
        }
    }

    private static Path stateRoot() {
        String configured = System.getenv("LIT_STATE_DIR");
        return configured == null || configured.isBlank() ? Path.of("/run/lit") : Path.of(configured);
    }
}
