package dev.lit.linux.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.testing.BusyboxRootfs;
import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A mount mark on a container's root sees what the container opens, named as the container names it. */
@Tag("root")
@Timeout(60)
class FanotifyTest {
    @TempDir
    Path work;

    @Test
    void anOpenInsideAContainerIsObserved() throws Exception {
        Host.assumeRoot();
        Path rootfs = BusyboxRootfs.create(work.resolve("rootfs"));
        Files.writeString(rootfs.resolve("marker.txt"), "here\n");
        List<Fanotify.Event> events = new ArrayList<>();
        try (Container c = Lit.start(Container.builder().base(dev.lit.Base.directory(rootfs)).entrypoint(List.of("/bin/sleep", "30")));
             Fanotify group = Fanotify.open()) {
            group.markMount(Path.of("/proc/" + c.pid() + "/root"), Fanotify.FAN_OPEN | Fanotify.FAN_OPEN_EXEC);
            RunResult r = c.exec("/bin/cat", "/marker.txt").result();
            assertEquals("here\n", r.stdoutText(), r::stderrText);
            group.drain(events::add);
            c.kill(dev.lit.Signal.SIGKILL);
        }
        List<String> paths = events.stream().map(Fanotify.Event::path).toList();
        assertTrue(paths.stream().anyMatch(p -> p.endsWith("/marker.txt")), paths::toString);
        assertTrue(events.stream().anyMatch(e -> (e.mask() & Fanotify.FAN_OPEN_EXEC) != 0 && e.path().endsWith("/bin/cat")
                || e.path().endsWith("/bin/busybox")), events::toString);
        System.out.println("fanotify paths: " + paths);
    }
}
