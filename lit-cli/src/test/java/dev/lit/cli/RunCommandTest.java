package dev.lit.cli;

import static dev.lit.cli.Cli.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.cli.Cli.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lit run} with real containers: exit statuses, flags reaching the container, lit.yml files. */
class RunCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        Cli.assumeRoot();
    }

    private static void assertStatus(int expected, Outcome outcome) {
        assertEquals(expected, outcome.status(), outcome::toString);
    }

    @Test
    void theContainersExitCodeIsLitsExitCode() {
        assertStatus(3, lit("run", "--rm", "host", "/bin/sh", "-c", "exit 3"));
    }

    @Test
    void interactiveTerminalWithoutATerminalOnStdinIsRefusedLikeDocker() {
        // The test JVM's stdin is surefire's pipe, not a terminal.
        Outcome o = lit("run", "-it", "host", "/bin/sh", "-c", "echo never");
        assertStatus(125, o);
        assertTrue(o.err().startsWith("lit: the input device is not a TTY"), o::toString);
        assertEquals("", o.out(), o::toString);
    }

    @Test
    void aSignalThatEndsTheCommandIs128PlusItsNumber() {
        assertStatus(143, lit("run", "host", "/bin/sh", "-c", "kill -TERM $$"));
    }

    @Test
    void aMissingCommandIs127() {
        Outcome o = lit("run", "host", "/no/such/command");
        assertStatus(127, o);
        assertTrue(o.err().startsWith("lit: cannot execute /no/such/command"), o::toString);
    }

    @Test
    void aFileThatIsNotExecutableIs126() throws IOException {
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho never\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        Outcome o = lit("run", "-v", dir + ":/work:ro", "host", "/work/script");

        assertStatus(126, o);
        assertTrue(o.err().contains("cannot execute /work/script"), o::toString);
        assertEquals("", o.out(), o::toString);
    }

    @Test
    void envWorkdirAndHostnameReachTheContainer() {
        Outcome o = lit("run", "-e", "GREETING=hi there", "--env", "SECOND=2", "-w", "/tmp", "--hostname", "box",
                "host", "/bin/sh", "-c", "echo \"$GREETING|$SECOND|$(pwd)|$(hostname)\"");

        assertStatus(0, o);
        assertEquals("hi there|2|/tmp|box\n", o.out(), o::toString);
    }

    @Test
    void envFilesAreReadAsDockerReadsThemAndDashEWins() throws IOException {
        Path file = Files.writeString(dir.resolve("app.env"), """
                # a comment, then a blank line

                  GREETING=hello=world
                QUOTED="kept as is"
                WHO=file
                HOME
                """);

        Outcome o = lit("run", "--env-file", file.toString(), "-e", "WHO=flag", "host", "/bin/sh", "-c",
                "echo \"$GREETING|$QUOTED|$WHO|$HOME\"");

        assertStatus(0, o);
        assertEquals("hello=world|\"kept as is\"|flag|" + System.getenv("HOME") + "\n", o.out(), o::toString);
    }

    @Test
    void optionsAfterTheBaseBelongToTheCommand() {
        Outcome o = lit("run", "host", "/bin/echo", "--memory", "-e", "x");

        assertStatus(0, o);
        assertEquals("--memory -e x\n", o.out(), o::toString);
    }

    @Test
    void aVolumeIsMountedAndReadOnlyWithRo() throws IOException {
        Files.writeString(dir.resolve("data.txt"), "from the host\n");

        Outcome o = lit("run", "-v", dir + ":/data:ro", "host", "/bin/sh", "-c", "cat /data/data.txt; touch /data/new");

        assertEquals("from the host\n", o.out(), o::toString);
        assertTrue(o.status() != 0 && o.err().contains("Read-only file system"), o::toString);
        assertTrue(Files.notExists(dir.resolve("new")));
    }

    @Test
    void aTmpfsIsAnEmptyWritableDirectory() {
        Outcome o = lit("run", "--tmpfs", "/scratch", "host", "/bin/sh", "-c",
                "touch /scratch/f && ls /scratch && grep -c ' /scratch tmpfs ' /proc/mounts");

        assertStatus(0, o);
        assertEquals("f\n1\n", o.out(), o::toString);
    }

    @Test
    void entrypointTakesTheCommandAsItsArguments() {
        Outcome o = lit("run", "--entrypoint", "/bin/echo", "host", "one", "two");

        assertStatus(0, o);
        assertEquals("one two\n", o.out(), o::toString);
    }

    @Test
    void noInitMakesTheCommandPid1() {
        assertEquals("1\n", lit("run", "--no-init", "host", "/bin/sh", "-c", "echo $$").out());
        assertEquals("2\n", lit("run", "--init", "host", "/bin/sh", "-c", "echo $$").out());
    }

    @Test
    void theOomKillerIsReportedAndExits137() {
        Outcome o = lit("run", "--memory", "64M", "host", "/bin/sh", "-c", "x=aaaaaaaa; while :; do x=$x$x; done");

        assertStatus(137, o);
        assertTrue(o.err().contains("lit: container was killed by the OOM killer (memory limit 64MiB)"), o::toString);
    }

    @Test
    void aLitFileRunsWithItsOutputOnStdout() throws IOException {
        Path file = Files.writeString(dir.resolve("lit.yml"), """
                entrypoint: /bin/sh -c 'echo "hello from $(hostname) as $GREETING"'
                hostname: from-file
                env:
                  GREETING: yaml
                """);

        Outcome o = lit("run", file.toString());

        assertStatus(0, o);
        assertEquals("hello from from-file as yaml\n", o.out(), o::toString);
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("box.yaml"), """
                entrypoint: /bin/sh -c 'echo "$(hostname) $GREETING"; exit 5'
                hostname: from-file
                env:
                  GREETING: yaml
                """);

        Outcome o = lit("run", "--hostname", "from-flag", "-e", "GREETING=flag", "-f", file.toString());

        assertStatus(5, o);
        assertEquals("from-flag flag\n", o.out(), o::toString);
    }

    @Test
    void aCommandAfterTheFileReplacesItsCommand() throws IOException {
        Path file = Files.writeString(dir.resolve("lit.yml"), """
                entrypoint: /bin/echo
                command: [from, file]
                """);

        assertEquals("from file\n", lit("run", file.toString()).out());
        assertEquals("from flags\n", lit("run", file.toString(), "from", "flags").out());
    }

    @Test
    void aBadLitFileIs125WithFileLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("lit.yml"), "entrypoint: echo\nhostnme: box\n");

        Outcome o = lit("run", file.toString());

        assertStatus(125, o);
        assertEquals("lit: " + file + ":2:1: unknown key 'hostnme' (did you mean 'hostname'?)\n", o.err(), o::toString);
    }

    @Test
    void aMissingLitFileIs125() {
        Outcome o = lit("run", dir.resolve("nope.yml").toString());

        assertStatus(125, o);
        assertTrue(o.err().startsWith("lit: " + dir.resolve("nope.yml") + ": no such file"), o::toString);
    }

    @Test
    void theDefaultNetworkHasOnlyLoopbackAndHostSharesTheHosts() throws IOException {
        String interfaces = "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '";

        assertEquals("lo\n", lit("run", "host", "/bin/sh", "-c", interfaces).out());
        // Other processes may add or remove links meanwhile: the container sees every link the host
        // had both before and after, and none it had neither time.
        Set<String> before = hostInterfaces();
        Set<String> seen = Set.copyOf(lit("run", "--network", "host", "host", "/bin/sh", "-c", interfaces).out().lines().toList());
        Set<String> after = hostInterfaces();
        Set<String> both = new HashSet<>(before);
        both.retainAll(after);
        Set<String> either = new HashSet<>(before);
        either.addAll(after);
        assertTrue(seen.containsAll(both) && either.containsAll(seen), () -> "host " + before + " / " + after + ", container " + seen);
    }

    private static Set<String> hostInterfaces() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/dev"));
        return lines.subList(2, lines.size()).stream().map(l -> l.substring(0, l.indexOf(':')).strip()).collect(Collectors.toSet());
    }

    @Test
    void publishJoinsTheDefaultBridgeAndPrintsTheMapping() {
        String interfaces = "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort";
        Outcome o = lit("run", "-p", "127.0.0.1:0:8080", "host", "/bin/sh", "-c", interfaces);

        assertStatus(0, o);
        assertEquals("eth0\nlo\n", o.out());
        assertTrue(o.err().matches("(?s)lit: published 127\\.0\\.0\\.1:\\d+:8080/tcp\n.*"), o::toString);
    }
}
