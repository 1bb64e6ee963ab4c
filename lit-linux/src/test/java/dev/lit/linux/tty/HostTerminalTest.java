package dev.lit.linux.tty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.Tty;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Raw mode and window-size forwarding of a terminal, on a pseudo-terminal standing in for the user's. */
class HostTerminalTest {
    /** c_lflag is the fourth 32-bit field of struct termios; ECHO and ICANON are bits of it. */
    private static int localFlags(byte[] termios) {
        return java.nio.ByteBuffer.wrap(termios).order(java.nio.ByteOrder.nativeOrder()).getInt(12);
    }

    private static final int ECHO = 0x8;
    private static final int ICANON = 0x2;

    @Test
    void rawModeTurnsOffEchoAndLineEditingUntilClosed() {
        try (Pty pty = Pty.openOnHost()) {
            int fd = pty.openTerminalEnd();
            try {
                assertTrue(HostTerminal.isTerminal(fd));
                byte[] before = Tty.attributes(fd);
                assertTrue((localFlags(before) & ECHO) != 0, "a fresh terminal echoes");
                try (HostTerminal raw = HostTerminal.raw(fd)) {
                    int flags = localFlags(Tty.attributes(fd));
                    assertEquals(0, flags & (ECHO | ICANON));
                }
                assertArrayEquals(java.util.Arrays.copyOf(before, 60), java.util.Arrays.copyOf(Tty.attributes(fd), 60));
            } finally {
                Libc.close(fd);
            }
        }
    }

    @Test
    void windowSizeChangesAreForwarded() throws Exception {
        try (Pty pty = Pty.openOnHost()) {
            int fd = pty.openTerminalEnd();
            try (HostTerminal t = HostTerminal.raw(fd)) {
                pty.resize(80, 24);
                List<String> seen = new CopyOnWriteArrayList<>();
                t.forwardResizes((cols, rows) -> seen.add(cols + "x" + rows));
                assertEquals(List.of("80x24"), seen);
                pty.resize(132, 43);
                Libc.kill((int) ProcessHandle.current().pid(), 28); // what the kernel sends the foreground group
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (seen.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(List.of("80x24", "132x43"), seen);
            } finally {
                Libc.close(fd);
            }
            assertFalse(HostTerminal.isTerminal(fd));
        }
    }
}
