package dev.lit.linux.process;

import dev.lit.LitException;
import dev.lit.linux.ffm.Libc;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The native helper, shipped in this jar and loaded once per JVM into a sealed memfd, which
 * is what gets executed. Nothing is written to disk, every JVM runs exactly the bytes of its
 * own jar (identified by their sha256), and a container cannot overwrite the helper through
 * /proc/PID/exe: the seals forbid any write (the runc CVE-2019-5736 class).
 */
public final class HelperBinary {
    static final String RESOURCE = "/dev/lit/linux/helper/lit-helper";
    private static volatile HelperBinary instance;
    private final int fd;
    private final String sha256;

    private HelperBinary(int fd, String sha256) {
        this.fd = fd;
        this.sha256 = sha256;
    }

    public static HelperBinary get() {
        HelperBinary h = instance;
        if (h == null) {
            synchronized (HelperBinary.class) {
                h = instance;
                if (h == null) {
                    h = instance = load();
                }
            }
        }
        return h;
    }

    /** True if the jar carries the helper (it is built by lit-linux's Maven build). */
    public static boolean isPackaged() {
        return HelperBinary.class.getResource(RESOURCE) != null;
    }

    private static HelperBinary load() {
        byte[] bytes;
        try (InputStream in = HelperBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LitException("lit-linux's jar has no " + RESOURCE + ": it was built without the native helper (needs cc and static libc)");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new LitException("cannot read the native helper from lit-linux's jar: " + e.getMessage(), e);
        }
        int fd = aboveFixedDescriptors(Libc.memfdCreate("lit-helper", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(ValueLayout.JAVA_BYTE, bytes.length);
            MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
            Libc.writeFully(fd, buffer, bytes.length);
        }
        Libc.fcntl(fd, Libc.F_ADD_SEALS, Libc.F_SEAL_SEAL | Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_WRITE);
        return new HelperBinary(fd, sha256(bytes));
    }

    /**
     * The helper's descriptors 0 to 5 are set with dup2 before it is executed: a memfd among
     * them would be replaced before the exec could read it.
     */
    private static int aboveFixedDescriptors(int fd) {
        if (fd > Spawner.GO_FD) {
            return fd;
        }
        int moved = Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, Spawner.GO_FD + 1);
        Libc.close(fd);
        return moved;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The path to execute: this JVM's descriptor of the sealed memfd. */
    public String executablePath() {
        return "/proc/self/fd/" + fd;
    }

    public String sha256() {
        return sha256;
    }
}
