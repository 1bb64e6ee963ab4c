package dev.lit.linux.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout detection from recorded /proc text: no root, no particular host needed. */
class CgroupSystemParseTest {

    private static final List<String> HYBRID_MOUNTINFO = List.of(
            "30 25 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:4 - tmpfs tmpfs ro,mode=755",
            "31 30 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:5 - cgroup2 cgroup2 rw,nsdelegate",
            "35 30 0:31 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup rw,memory",
            "36 30 0:32 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,cpu,cpuacct",
            "37 30 0:33 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,pids");
    private static final List<String> HYBRID_CGROUP = List.of(
            "5:pids:/user.slice", "4:cpu,cpuacct:/", "3:memory:/process_api/abc", "0::/");

    @Test
    void findsV1ControllersAndTheProcessesOwnPathInEach() {
        CgroupSystem system = CgroupSystem.parse(HYBRID_MOUNTINFO, HYBRID_CGROUP);
        assertFalse(system.isPureV2());
        Hierarchy memory = system.hierarchyFor(Controller.MEMORY).orElseThrow();
        assertEquals(1, memory.version());
        assertEquals(Path.of("/sys/fs/cgroup/memory/process_api/abc"), memory.ownDirectory());
        assertEquals(Path.of("/sys/fs/cgroup/cpu,cpuacct"), system.hierarchyFor(Controller.CPU).orElseThrow().mountPoint());
        assertEquals("/user.slice", system.hierarchyFor(Controller.PIDS).orElseThrow().ownPath());
    }

    @Test
    void placesContainersInALitParentBelowTheOwnCgroupNeverAbove() {
        CgroupManager manager = new CgroupManager(CgroupSystem.parse(HYBRID_MOUNTINFO, HYBRID_CGROUP), null);
        Hierarchy memory = manager.system().hierarchyFor(Controller.MEMORY).orElseThrow();
        assertEquals(Path.of("/sys/fs/cgroup/memory/process_api/abc/lit"), manager.parentIn(memory));
        CgroupManager configured = new CgroupManager(CgroupSystem.parse(HYBRID_MOUNTINFO, HYBRID_CGROUP), "/ci/lit-parent");
        assertEquals(Path.of("/sys/fs/cgroup/memory/ci/lit-parent"), configured.parentIn(memory));
    }

    @Test
    void recognisesAPureV2Host() {
        CgroupSystem system = CgroupSystem.parse(
                List.of("30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot"),
                List.of("0::/ci.slice/run.scope"));
        assertTrue(system.isPureV2());
        assertEquals("/ci.slice/run.scope", system.unified().orElseThrow().ownPath());
    }

    @Test
    void skipsBindMountsOfSubCgroups() {
        List<String> mountinfo = List.of(
                "35 30 0:31 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory",
                "90 30 0:31 /docker/x /other/memory rw - cgroup cgroup rw,memory");
        CgroupSystem system = CgroupSystem.parse(mountinfo, List.of("3:memory:/"));
        assertEquals(1, system.hierarchies().size());
    }
}
