package dev.lit.linux.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.lit.Container;
import dev.lit.ExecProcess;
import dev.lit.ExecSpec;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.testing.Host;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** exec by an unprivileged user into their rootless container (run by .ci/rootless-lane.sh). */
@Tag("rootless")
class RootlessExecTest {

    @BeforeEach
    void unprivileged() {
        assumeFalse(Host.isRoot(), "runs as an unprivileged user: ./run-tests runs this group as one (.ci/rootless-lane.sh)");
    }

    @Test
    void anExecJoinsTheRootlessContainerAsRootInside() throws Exception {
        try (Container c = Lit.start(Container.builder().entrypoint(List.of("/bin/sh", "-c", "hostname inside; exec sleep 600")).build())) {
            RunResult r = c.exec(ExecSpec.builder("/bin/sh", "-c", "id -u; hostname; grep -c . /proc/self/uid_map").build()).result();
            assertEquals(new ExitStatus.Exited(0), r.status(), r.stderrText());
            List<String> lines = r.stdoutText().lines().toList();
            assertEquals("0", lines.get(0));
            assertTrue(List.of(c.id(), "inside").contains(lines.get(1)), lines.toString());
            ExecProcess tty = c.exec(ExecSpec.builder("/bin/sh", "-c", "test -t 0 && echo ON-A-TTY").tty(true).build());
            assertTrue(new String(tty.stdout().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("ON-A-TTY"));
            assertEquals(0, tty.waitFor().code());
            tty.close();
        }
    }
}
