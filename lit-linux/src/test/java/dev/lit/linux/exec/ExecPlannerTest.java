package dev.lit.linux.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExecSpec;
import dev.lit.InvalidSpecException;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.plan.Namespace;
import dev.lit.linux.security.SecurityModules;
import dev.lit.linux.security.SecurityPlanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exec plan: what the helper joins, the confinement, the environment; and ExecSpec validation. */
class ExecPlannerTest {
    private final ExecPlanner planner = new ExecPlanner(new SecurityPlanner(new SecurityModules(Set.of()), s -> null));
    private final ContainerSpec container = Container.builder().entrypoint(List.of("sleep", "1d"))
            .env("A", "from-container").env("B", "kept").workdir("/srv").build();
    private final ContainerCgroup cgroup = new ContainerCgroup("c1",
            List.of(new ContainerCgroup.Directory(1, Path.of("/sys/fs/cgroup/memory/lit/c1"))), Map.of());

    @Test
    void theHelperJoinsTheContainersCgroupsAndNamespacesThenConfinesAndExecs() {
        var plan = planner.plan(container, ExecSpec.builder("id").build(), cgroup, EnumSet.of(Namespace.MOUNT, Namespace.PID, Namespace.CGROUP));
        String wire = new String(plan.encode(), StandardCharsets.UTF_8).replace('\0', ' ');
        assertTrue(wire.startsWith("lit-plan-1 enter " + (Namespace.MOUNT.flag() | Namespace.PID.flag() | Namespace.CGROUP.flag())
                + " cgroup-join /sys/fs/cgroup/memory/lit/c1/cgroup.procs child "), wire);
        List<String> steps = plan.steps();
        assertEquals("pdeathsig 9", steps.getFirst());
        assertFalse(steps.contains("become-root"), "no user namespace to become root in");
        assertFalse(steps.contains("ctty"));
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("bounding ")));
        assertTrue(steps.contains("no-new-privs"));
        assertEquals("chdir /srv", steps.get(steps.size() - 2));
        assertTrue(steps.getLast().startsWith("exec 0 1 id "), "no init for an exec: " + steps.getLast());
    }

    @Test
    void aUserNamespaceAndATerminalAddTheirSteps() {
        var plan = planner.plan(container, ExecSpec.builder("sh").tty(true).workdir("/tmp").user("1000").build(), cgroup,
                EnumSet.of(Namespace.USER, Namespace.MOUNT));
        List<String> steps = plan.steps();
        assertEquals(List.of("pdeathsig 9", "become-root", "ctty"), steps.subList(0, 3));
        assertTrue(steps.contains("user 1000 1000 0"), steps.toString());
        assertEquals("chdir /tmp", steps.get(steps.size() - 2));
    }

    @Test
    void theEnvironmentIsTheContainersWithTheExecsAddedAndTermForATerminal() {
        List<String> env = ExecPlanner.environment(container, ExecSpec.builder("sh").env("A", "from-exec").env("C", "new").tty(true).build());
        assertTrue(env.contains("A=from-exec"));
        assertTrue(env.contains("B=kept"));
        assertTrue(env.contains("C=new"));
        assertTrue(env.contains("TERM=xterm"));
        assertEquals(1, env.stream().filter(e -> e.startsWith("A=")).count());
    }

    @Test
    void badExecSpecsNameTheirField() {
        assertEquals("exec.command", assertThrowsSpec(() -> ExecSpec.builder().build()));
        assertEquals("exec.workdir", assertThrowsSpec(() -> ExecSpec.builder("ls").workdir("relative").build()));
        assertEquals("exec.user", assertThrowsSpec(() -> ExecSpec.builder("ls").user("root").build()));
        assertEquals("exec.env", assertThrowsSpec(() -> ExecSpec.builder("ls").env("A=B", "x").build()));
    }

    private static String assertThrowsSpec(Runnable r) {
        try {
            r.run();
        } catch (InvalidSpecException e) {
            return e.field();
        }
        throw new AssertionError("no InvalidSpecException");
    }
}
