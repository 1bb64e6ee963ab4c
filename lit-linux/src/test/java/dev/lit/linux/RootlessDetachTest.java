package dev.lit.linux;

import static dev.lit.linux.ContainerIsolationTest.shSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.lit.DetachOptions;
import dev.lit.DetachedContainer;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.LogEntry;
import dev.lit.LogQuery;
import dev.lit.RestartPolicy;
import dev.lit.UnsupportedFeatureException;
import dev.lit.linux.testing.Host;
import dev.lit.linux.testing.Leaks;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A non-root user's detached container: its monitor runs as the user; restarts need root. */
@Tag("rootless")
class RootlessDetachTest {

    @BeforeEach
    void unprivileged() {
        assumeFalse(Host.isRoot(), "runs as an unprivileged user: ./run-tests runs this group as one (.ci/rootless-lane.sh)");
    }

    @Test
    void aRootlessDetachedContainerRunsLogsStopsAndGoes() throws Exception {
        DetachedContainer c = Lit.startDetached(shSpec("id -u; exec sleep 60"));
        try {
            for (int i = 0; i < 100 && logs(c).isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertEquals(List.of("0"), logs(c), "root inside its user namespace");
            c.stop(Duration.ofSeconds(5));
            assertEquals(new ExitStatus.Exited(143), c.summary().exit());
        } finally {
            c.forceRemove();
        }
        assertFalse(Lit.find(c.id()).isPresent());
        Leaks.assertNoneOf(List.of(c.id()));
    }

    private static List<String> logs(DetachedContainer c) {
        try (Stream<LogEntry> s = c.logs(LogQuery.ALL)) {
            return s.map(LogEntry::text).toList();
        }
    }

    @Test
    void aRestartPolicyIsRefusedAndLeavesNothing() {
        assertThrows(UnsupportedFeatureException.class,
                () -> Lit.startDetached(shSpec("true"), DetachOptions.DEFAULT.withRestart(RestartPolicy.always())));
        Leaks.assertNoneOf(List.of());
    }
}
