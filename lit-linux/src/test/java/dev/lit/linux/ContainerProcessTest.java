package dev.lit.linux;

import static dev.lit.linux.ContainerIsolationTest.sh;
import static dev.lit.linux.ContainerIsolationTest.shSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ExecFailedException;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.Signal;
import dev.lit.Stdio;
import dev.lit.linux.testing.Host;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a process launcher must get right: arguments, environment, directory, streams, exit codes, signals. */
@Tag("root")
class ContainerProcessTest {

    @BeforeEach
    void root() {
        Host.assumeRoot();
    }

    @Test
    void argumentsArriveExactlyAsGiven() throws Exception {
        RunResult r = Lit.run(Container.builder().entrypoint(List.of("/bin/sh", "-c", "for a in \"$@\"; do echo \"[$a]\"; done", "sh"))
                .command("two words", "", "$HOME", "*").build());
        assertEquals(List.of("[two words]", "[]", "[$HOME]", "[*]"), r.stdoutText().lines().toList());
    }

    @Test
    void environmentAndWorkingDirectoryAreTheSpecs() throws Exception {
        RunResult r = Lit.run(shSpec("echo $GREETING; echo $PATH; pwd").env("GREETING", "hello there").workdir("/srv/app").build());
        assertEquals(List.of("hello there", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "/srv/app"),
                r.stdoutText().lines().toList());
    }

    @Test
    void exitCodesPropagate() throws Exception {
        assertEquals(new ExitStatus.Exited(42), sh("exit 42").status());
        assertEquals(new ExitStatus.Exited(0), sh("true").status());
        assertEquals(new ExitStatus.Exited(7), Lit.run(shSpec("exit 7").init(false).build()).status());
    }

    @Test
    void aCommandKilledByASignalIsReportedSo() throws Exception {
        assertEquals(new ExitStatus.Signaled(15), sh("kill -TERM $$; sleep 5").status());
    }

    @Test
    void signalsSentToTheContainerReachTheCommandThroughTheInit() throws Exception {
        try (Container c = Lit.start(shSpec("exec sleep 60").build())) {
            c.kill(Signal.SIGTERM);
            assertEquals(new ExitStatus.Signaled(15), c.waitFor(Duration.ofSeconds(10)).orElseThrow());
        }
    }

    @Test
    void withoutInitACommandAsPidOneIgnoresUnhandledSignalsUntilKilled() throws Exception {
        try (Container c = Lit.start(shSpec("exec sleep 60").init(false).build())) {
            c.kill(Signal.SIGTERM);
            assertTrue(c.waitFor(Duration.ofMillis(300)).isEmpty(), "PID 1 without a handler ignores SIGTERM: why Lit's init is the default");
            c.kill(Signal.SIGKILL);
            assertEquals(new ExitStatus.Signaled(9), c.waitFor(Duration.ofSeconds(10)).orElseThrow());
        }
    }

    @Test
    void stdoutAndStderrStayApart() throws Exception {
        RunResult r = sh("echo out; echo err >&2; echo out2");
        assertEquals("out\nout2\n", r.stdoutText());
        assertEquals("err\n", r.stderrText());
    }

    @Test
    void stdinCanBeGivenAsBytes() throws Exception {
        RunResult r = Lit.run(shSpec("tr a-z A-Z").stdin(Stdio.text("hello\n")).build());
        assertEquals("HELLO\n", r.stdoutText());
    }

    @Test
    void pipesLetTheCallerTalkToTheContainer() throws Exception {
        try (Container c = Lit.start(shSpec("while read line; do echo \"got $line\"; done")
                .stdin(Stdio.pipeInput()).stdout(Stdio.pipe()).build())) {
            OutputStream in = c.stdin();
            BufferedReader out = new BufferedReader(new InputStreamReader(c.stdout(), StandardCharsets.UTF_8));
            in.write("one\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertEquals("got one", out.readLine());
            in.write("two\n".getBytes(StandardCharsets.UTF_8));
            in.close();
            assertEquals("got two", out.readLine());
            assertEquals(0, c.waitFor().code());
        }
    }

    @Test
    void outputLinesCanGoToAConsumer() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        RunResult r = Lit.run(shSpec("echo a; echo b").stdout(Stdio.lines(lines::add)).build());
        assertEquals(0, r.exitCode());
        assertEquals(List.of("a", "b"), lines);
    }

    @Test
    void aMissingCommandIsAClearError() {
        ExecFailedException e = assertThrows(ExecFailedException.class,
                () -> Lit.run(Container.builder().entrypoint("no-such-command-here").build()));
        assertTrue(e.notFound());
        assertTrue(e.getMessage().contains("no-such-command-here"), e.getMessage());
    }

    @Test
    void aFileThatCannotBeExecutedIsAClearError(@TempDir Path tmp) throws Exception {
        Path notExecutable = Files.writeString(tmp.resolve("script.sh"), "echo hi\n");
        ExecFailedException e = assertThrows(ExecFailedException.class,
                () -> Lit.run(Container.builder().entrypoint(notExecutable.toString()).build()));
        assertFalse(e.notFound());
        assertTrue(e.getMessage().contains("Permission denied"), e.getMessage());
    }

    @Test
    void copiesAppearInTheContainerAndTheirSourceStaysUntouched(@TempDir Path tmp) throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("main.txt"), "from the host\n");
        RunResult r = Lit.run(shSpec("cat /app/main.txt; echo edited > /app/main.txt; cat /app/main.txt")
                .copy(app, "/app").build());
        assertEquals(List.of("from the host", "edited"), r.stdoutText().lines().toList());
        assertEquals("from the host\n", Files.readString(app.resolve("main.txt")));
    }

    @Test
    void bindAndTmpfsMountsAreVisibleAndReadOnlyBindsRefuseWrites(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("in.txt"), "shared\n");
        RunResult r = Lit.run(shSpec("cat /data/in.txt; echo x > /data/new 2>/dev/null && echo wrote || echo refused; "
                + "echo t > /scratch/t && cat /scratch/t")
                .mount(dev.lit.Mount.bindReadOnly(data, "/data")).mount(dev.lit.Mount.tmpfs("/scratch")).build());
        assertEquals(List.of("shared", "refused", "t"), r.stdoutText().lines().toList());
        assertFalse(Files.exists(data.resolve("new")));
    }

    @Test
    void theResultSaysHowLongTheContainerRan() throws Exception {
        RunResult r = sh("sleep 0.2");
        assertTrue(r.elapsed().toMillis() >= 200, r.toString());
        assertInstanceOf(ExitStatus.Exited.class, r.status());
    }
}
