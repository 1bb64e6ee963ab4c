package dev.lit.linux.cgroup;

import static dev.lit.linux.cgroup.CgroupTesting.read;
import static dev.lit.linux.cgroup.CgroupTesting.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.linux.testing.Host;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lit in a cgroup v2 leaf of its own, as systemd starts a service or a CI job: the cgroup2
 * lane's second run starts the test JVM alone in /ci.slice/run.scope.
 */
@Tag("cgroup")
@Timeout(180)
class CgroupV2SystemdLeafTest {
    /** The cgroup2 lane sets this in the run whose JVM starts in /ci.slice/run.scope. */
    private static final String EXPECTED_LEAF = System.getenv("LIT_TEST_CGROUP_LEAF");

    @BeforeEach
    void pureV2Root() {
        Host.assumeRoot();
        Host.assumePureCgroupV2();
    }

    /**
     * systemd starts a service (or a CI job) in a leaf such as /ci.slice/run.scope, where the
     * no-internal-process rule forbids enabling controllers for children while the JVM is there.
     * Lit moves the JVM into {@code <leaf>/supervisor} and puts containers in {@code <leaf>/lit/<id>}.
     */
    @Test
    void inASystemdStyleLeafLitMovesItselfToASupervisorLeaf() throws Exception {
        String own = CgroupTesting.ownV2Path().orElseThrow();
        if (EXPECTED_LEAF != null && !EXPECTED_LEAF.isBlank()) {
            assertTrue(own.equals(EXPECTED_LEAF) || own.equals(EXPECTED_LEAF + "/supervisor"),
                    "the lane started this JVM in " + EXPECTED_LEAF + " but it is in " + own);
        }
        assumeFalse(own.equals("/"), "this JVM runs in the root cgroup; the leaf layout is covered by the cgroup2 lane's"
                + " second run (LIT_TEST_CGROUP_LEAF, VM_CGROUP=/ci.slice/run.scope)");
        String leaf = own.endsWith("/supervisor") ? own.substring(0, own.length() - "/supervisor".length()) : own;
        Path mount = CgroupTesting.system().unified().orElseThrow().mountPoint();
        Path leafDir = mount.resolve(leaf.substring(1));
        try (Container c = Lit.start(sh("exec sleep 600").memory("64M").cpus("0.5").pids(20).build())) {
            assertEquals(leaf + "/supervisor", CgroupTesting.ownV2Path().orElseThrow(), "the JVM should have moved to its supervisor leaf");
            assertEquals(List.of(), CgroupTesting.procs(leafDir), "the leaf itself must be empty now");
            Set<String> enabled = Set.of(read(leafDir.resolve("cgroup.subtree_control")).split(" "));
            assertTrue(enabled.containsAll(Set.of("cpu", "memory", "pids")), "subtree_control of the leaf: " + enabled);
            Path dir = leafDir.resolve("lit").resolve(c.id());
            assertEquals(dir, CgroupTesting.dirOf(c.id(), Controller.MEMORY));
            assertTrue(CgroupTesting.procs(dir).contains(c.pid()));
            assertEquals(Long.toString(64L << 20), read(dir.resolve("memory.max")));
            assertEquals("50000 100000", read(dir.resolve("cpu.max")));
        }
    }
}
