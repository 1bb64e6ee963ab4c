package dev.lit.linux.tty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Base;
import dev.lit.Container;
import dev.lit.ExecProcess;
import dev.lit.ExecSpec;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.Stdio;
import dev.lit.linux.testing.BusyboxRootfs;
import dev.lit.linux.testing.Host;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions driven through a pseudo-terminal: the container's and an exec's. */
@Tag("root")
class TerminalTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    /** Reads the terminal until {@code text} has appeared (or fails after 10 s); returns all read so far. */
    private static String readUntil(InputStream in, ByteArrayOutputStream seen, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        byte[] buf = new byte[4096];
        while (!seen.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' on the terminal; it showed: " + seen.toString(StandardCharsets.UTF_8));
            }
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("the terminal closed before '" + text + "'; it showed: " + seen.toString(StandardCharsets.UTF_8));
            }
            seen.write(buf, 0, n);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aContainerOnATerminalHasItAsStdioAndControllingTerminal() throws Exception {
        try (Container c = Lit.start(Container.builder().entrypoint(List.of("/bin/sh", "-i")).stdio(Stdio.tty()).build())) {
            OutputStream keys = c.stdin();
            InputStream screen = c.stdout();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            c.resizeTty(100, 31);
            keys.write("test -t 0 && test -t 1 && echo IS-A-TTY; stty size; read line; echo \"got $line\"\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            readUntil(screen, seen, "IS-A-TTY");
            readUntil(screen, seen, "31 100");
            keys.write("typed words\n".getBytes(StandardCharsets.UTF_8));
            String all = readUntil(screen, seen, "got typed words");
            assertTrue(all.contains("typed words\r\n"), "the terminal echoes input (and maps newlines): " + all);
            keys.write("exit 4\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(new ExitStatus.Exited(4), c.waitFor(Duration.ofSeconds(10)).orElseThrow());
        }
    }

    @Test
    void anExecOnATerminalGetsOneOfTheContainersDevpts() throws Exception {
        Path rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        try (Container c = Lit.start(Container.builder().base(new Base.Directory(rootfs)).entrypoint(List.of("sleep", "600")).build())) {
            ExecProcess p = c.exec(ExecSpec.builder("/bin/sh", "-c",
                    "echo TTY=$(readlink /proc/self/fd/0); ls /dev/pts; echo TERM=$TERM; read x; echo \"[$x]\"; sleep 0.2; stty size").tty(true).build());
            p.resizeTty(120, 40);
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            String shown = readUntil(p.stdout(), seen, "TERM=xterm");
            assertTrue(shown.matches("(?s).*TTY=/dev/pts/\\d+.*"), shown);
            p.stdin().write("hello\n".getBytes(StandardCharsets.UTF_8));
            readUntil(p.stdout(), seen, "[hello]");
            readUntil(p.stdout(), seen, "40 120");
            assertEquals(0, p.waitFor().code());
            assertEquals(-1, drain(p.stdout()));
            p.close();
        }
    }

    private static int drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) > 0) {
            // rest of the output
        }
        return n;
    }
}
