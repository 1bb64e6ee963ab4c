package dev.lit.linux.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void encodesTheHelpersPartThenTheChildsStepsAsNulSeparatedWords() {
        Plan plan = new Plan().cloneInto(0x20000).cgroupJoin("/sys/fs/cgroup/pids/lit/x/cgroup.procs")
                .hostname("box").exec(true, List.of("/bin/echo", "hi"), List.of("A=1"));
        String expected = String.join("\0", "lit-plan-1", "clone", "131072", "cgroup-join", "/sys/fs/cgroup/pids/lit/x/cgroup.procs",
                "child", "hostname", "box", "exec", "1", "2", "/bin/echo", "hi", "1", "A=1") + "\0";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), plan.encode());
    }

    @Test
    void refusesAPlanWithoutExecAndStepsAfterIt() {
        assertThrows(IllegalStateException.class, () -> new Plan().hostname("x").encode());
        Plan plan = new Plan().exec(false, List.of("/bin/true"), List.of());
        assertThrows(IllegalStateException.class, () -> plan.hostname("late"));
    }

    @Test
    void refusesWordsThatWouldBreakTheFormat() {
        assertThrows(IllegalArgumentException.class, () -> new Plan().hostname("a\0b"));
    }

    @Test
    void readsTheHelpersReports() {
        org.junit.jupiter.api.Assertions.assertEquals(new Report.Pid(42), Report.parse("pid\t42"));
        org.junit.jupiter.api.Assertions.assertEquals(new Report.Failed("mount", 22, "overlay on /x (type overlay)"),
                Report.parse("error\tmount\t22\toverlay on /x (type overlay)"));
        org.junit.jupiter.api.Assertions.assertEquals(new Report.Signaled(9), Report.parse("signal\t9"));
        assertThrows(IllegalStateException.class, () -> Report.parse("bogus"));
    }
}
