package dev.lit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lit} as its own process on the module path, as {@code ./lit} runs it: the container
 * inherits the real stdin and stdout, and the JVM's exit status is the container's.
 */
class EndToEndTest {
    /** The runtime class path as a module path: this module's classes and its dependencies, no test code. */
    private static String modulePath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("test-classes"))
                .filter(entry -> !Path.of(entry).getFileName().toString().matches(
                        "(junit|opentest4j|apiguardian|surefire|maven-surefire|common-java|common-junit).*"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private record Ran(int status, String out, String err) {
    }

    private static Ran lit(String stdin, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=dev.lit.linux",
                "-p", modulePath(), "-m", "dev.lit.cli/dev.lit.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "lit did not end within a minute");
        return new Ran(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @BeforeEach
    void root() {
        Cli.assumeRoot();
    }

    @Test
    void theContainerInheritsStdioAndLitExitsWithItsStatus() throws Exception {
        Ran r = lit("from stdin\n", "run", "--rm", "-e", "WHO=e2e", "host", "/bin/sh", "-c",
                "read line; echo \"$WHO got: $line\"; echo oops >&2; exit 7");

        assertEquals(7, r.status(), r::toString);
        assertEquals("e2e got: from stdin\n", r.out(), r::toString);
        assertEquals("oops\n", r.err(), r::toString);
    }

    @Test
    void versionRunsOnTheModulePath() throws Exception {
        Ran r = lit("", "version");

        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("runtime linux: available"), r::toString);
    }

    @Test
    void completionRunsOnTheModulePath() throws Exception {
        Ran r = lit("", "completion", "bash");

        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("complete -F _complete_lit") && r.out().contains("--env-file"), r::toString);
    }

    @Test
    void aMissingCommandExits127() throws Exception {
        Ran r = lit("", "run", "host", "/no/such/thing");

        assertEquals(127, r.status(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertTrue(r.err().startsWith("lit: cannot execute /no/such/thing"), r::toString);
    }
}
