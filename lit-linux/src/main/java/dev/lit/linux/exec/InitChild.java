package dev.lit.linux.exec;

import dev.lit.LitException;
import dev.lit.linux.ffm.Libc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Finds the process whose namespaces an unprivileged JVM can join. Lit's init is not dumpable
 * (so the container's own processes cannot ptrace it) and was created before the container's
 * user namespace existed, so only a process with CAP_SYS_PTRACE on the host may join namespaces
 * through it. The init's child, the container's command, was executed inside the user
 * namespace: its owner (this user) may. Its pid comes from /proc/PID/status, which anyone may read.
 */
final class InitChild {
    private InitChild() {
    }

    /** A pidfd of a child of {@code initPid}; the caller closes it. */
    static int pidfdOfChild(long initPid) {
        OptionalLong child = childOf(initPid);
        if (child.isEmpty()) {
            throw new LitException("cannot exec: the container's command (a child of its init, pid " + initPid + ") is gone");
        }
        int fd = Libc.pidfdOpen((int) child.getAsLong());
        // the pidfd pins the process: if the pid was reused meanwhile, its parent tells
        if (parentOf(child.getAsLong()) != initPid) {
            Libc.close(fd);
            throw new LitException("cannot exec: the container's command ended while the exec started");
        }
        return fd;
    }

    private static OptionalLong childOf(long initPid) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong).filter(pid -> parentOf(pid) == initPid).findFirst();
        } catch (IOException e) {
            throw new LitException("cannot list /proc to find the container's command: " + e.getMessage(), e);
        }
    }

    private static long parentOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("PPid:")) {
                    return Long.parseLong(line.substring(5).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }
}
