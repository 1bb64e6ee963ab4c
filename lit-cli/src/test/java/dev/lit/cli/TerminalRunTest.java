package dev.lit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.linux.tty.Pty;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code lit run -it} and {@code lit exec -it} as a user at a terminal sees them: lit runs in a
 * child JVM whose stdio and controlling terminal is a pseudo-terminal that the test types into.
 */
@Tag("root")
class TerminalRunTest {
    @BeforeEach
    void root() {
        Cli.assumeRoot();
    }

    /** A lit child process on its own terminal, as a session leader with that terminal as its controlling one. */
    static final class LitOnTerminal implements AutoCloseable {
        final Pty pty = Pty.openOnHost();
        final Process process;
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        private final Thread reader;

        LitOnTerminal(String... args) throws Exception {
            pty.resize(80, 24);
            File terminal = new File("/dev/pts/" + pty.number());
            List<String> command = new ArrayList<>(List.of("setsid", "-c",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command)
                    .redirectInput(terminal).redirectOutput(terminal).redirectError(terminal)
                    .start();
            InputStream screen = pty.output();
            reader = Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[4096];
                try {
                    int n;
                    while ((n = screen.read(buf)) > 0) {
                        synchronized (seen) {
                            seen.write(buf, 0, n);
                        }
                    }
                } catch (Exception ignored) {
                    // the terminal closed
                }
            });
        }

        void type(String keys) throws Exception {
            OutputStream in = pty.input();
            in.write(keys.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        String screen() {
            synchronized (seen) {
                return seen.toString(StandardCharsets.UTF_8);
            }
        }

        /** Waits until {@code text} shows on the terminal (at most 30 s: the child JVM starts cold). */
        String awaitScreen(String text) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!screen().contains(text)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no '" + text + "' on the terminal; it showed:\n" + screen());
                }
                Thread.sleep(20);
            }
            return screen();
        }

        int exitCode() throws Exception {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), () -> "lit did not end; the terminal showed:\n" + screen());
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pty.close();
        }
    }

    /** The settings of lit's terminal, as stty shows them. */
    private static String sttyOf(LitOnTerminal lit) throws Exception {
        Process stty = new ProcessBuilder("stty", "-a", "-F", "/dev/pts/" + lit.pty.number()).redirectErrorStream(true).start();
        String text = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        stty.waitFor();
        return text;
    }

    @Test
    void runTWithoutIShowsEachLineOnceWithoutADoubledCarriageReturnAndRestoresTheTerminal() throws Exception {
        try (LitOnTerminal lit = new LitOnTerminal("run", "-t", "host", "/bin/sh", "-c", "echo A; echo B")) {
            assertEquals(0, lit.exitCode(), lit::screen);
            String all = lit.awaitScreen("B");
            assertTrue(all.contains("A\r\nB"), all);
            assertTrue(!all.contains("\r\r"), all);
            assertTrue(java.util.regex.Pattern.compile("(^|\\s)opost\\b").matcher(sttyOf(lit)).find(), "lit's terminal has its output processing back");
        }
    }

    @Test
    void runItGivesTheContainerATerminalAndExitsWithItsStatus() throws Exception {
        try (LitOnTerminal lit = new LitOnTerminal("run", "-it", "host", "/bin/sh")) {
            lit.type("test -t 0 && test -t 1 && echo IS-A-''TTY; stty size; echo h''i; exit 3\n");
            String all = lit.awaitScreen("hi");
            assertEquals(3, lit.exitCode(), lit::screen);
            assertTrue(all.contains("IS-A-TTY"), all);
            assertTrue(all.contains("24 80"), "the window size is lit's terminal's: " + all);
        }
    }

    @Test
    void runItForwardsWindowSizeChangesAndRestoresTheTerminal() throws Exception {
        try (LitOnTerminal lit = new LitOnTerminal("run", "-it", "host", "/bin/sh")) {
            lit.type("echo rea''dy\n");
            lit.awaitScreen("ready");
            lit.pty.resize(132, 43);
            Thread.sleep(300);
            String during = sttyOf(lit);
            assertTrue(during.contains("-icanon") && during.contains("-echo "), "raw while the container runs: " + during);
            lit.type("stty size; exit 0\n");
            lit.awaitScreen("43 132");
            assertEquals(0, lit.exitCode(), lit::screen);
            String after = sttyOf(lit);
            assertTrue(!after.contains("-icanon") && !after.contains("-echo "), "lit restored its terminal: " + after);
        }
    }

    @Test
    void execItGivesTheCommandATerminalInARunningContainer() throws Exception {
        String name = "cli-tty-" + ProcessHandle.current().pid();
        Cli.Outcome started = Cli.lit("run", "-d", "--name", name, "host", "/bin/sh", "-c", "exec sleep 60");
        assertEquals(0, started.status(), started::toString);
        try (LitOnTerminal lit = new LitOnTerminal("exec", "-it", name, "/bin/sh")) {
            lit.type("test -t 0 && echo IS-A-''TTY; hostname; stty size; exit 4\n");
            String all = lit.awaitScreen("24 80");
            assertEquals(4, lit.exitCode(), lit::screen);
            assertTrue(all.contains("IS-A-TTY") && all.contains(started.out().strip()), all);
        } finally {
            Cli.lit("rm", "-f", name);
        }
    }
}
