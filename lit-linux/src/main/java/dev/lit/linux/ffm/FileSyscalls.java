package dev.lit.linux.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;

/**
 * File calls Java's NIO cannot make, for unpacking image layers: device nodes and whiteouts
 * (mknod), extended attributes on links (lsetxattr), owners and times of symbolic links
 * themselves (lchown, utimensat with AT_SYMLINK_NOFOLLOW). Errno is captured by the linker,
 * and failures throw {@link SyscallException}, as in {@link Libc}.
 */
public final class FileSyscalls {
    private static final StructLayout CALL_STATE = Downcall.CALL_STATE;

    /** mknod(2) file type: character device. */
    public static final int S_IFCHR = 0020000;
    /** mknod(2) file type: block device. */
    public static final int S_IFBLK = 0060000;
    /** mknod(2) file type: named pipe. */
    public static final int S_IFIFO = 0010000;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;

    private static final Downcall MKNOD = Downcall.withErrno("mknod", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
    private static final Downcall LSETXATTR = Downcall.withErrno("lsetxattr", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final Downcall LGETXATTR = Downcall.withErrno("lgetxattr", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    private static final Downcall LCHOWN = Downcall.withErrno("lchown", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final Downcall CHMOD = Downcall.withErrno("chmod", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final Downcall UTIMENSAT = Downcall.withErrno("utimensat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));

    private FileSyscalls() {
    }

    private static int errno(MemorySegment state) {
        return Downcall.errno(state);
    }

    private static RuntimeException rethrow(Throwable t) {
        return Downcall.rethrow(t);
    }

    /**
     * glibc's makedev.
     *
     * @param major the device's major number
     * @param minor its minor number
     * @return the dev_t mknod takes
     */
    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /**
     * mknod(2): {@code type} is one of S_IFCHR, S_IFBLK, S_IFIFO; {@code mode} the permission bits.
     *
     * @param path the node to create
     * @param type the file type
     * @param mode the permission bits
     * @param major the device's major number (0 for a pipe)
     * @param minor its minor number (0 for a pipe)
     */
    public static void mknod(Path path, int type, int mode, long major, long minor) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) MKNOD.handle().invokeExact(state, arena.allocateFrom(path.toString()), type | (mode & 07777), makedev(major, minor));
            if (rc < 0) {
                throw new SyscallException("mknod", path.toString(), errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * lsetxattr(2): sets an extended attribute on the path itself, never a link's target.
     *
     * @param path the file or link
     * @param name the attribute's name, such as {@code security.capability}
     * @param value its bytes
     */
    public static void lsetxattr(Path path, String name, byte[] value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment v = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, JAVA_BYTE_LAYOUT, 0, value.length);
            int rc = (int) LSETXATTR.handle().invokeExact(state, arena.allocateFrom(path.toString()), arena.allocateFrom(name), v, (long) value.length, 0);
            if (rc < 0) {
                throw new SyscallException("lsetxattr", path + ", " + name, errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * lgetxattr(2); null when the attribute is absent.
     *
     * @param path the file or link
     * @param name the attribute's name
     * @return its bytes, or null
     */
    public static byte @org.jspecify.annotations.Nullable [] lgetxattr(Path path, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buffer = arena.allocate(65536);
            long n = (long) LGETXATTR.handle().invokeExact(state, arena.allocateFrom(path.toString()), arena.allocateFrom(name), buffer, 65536L);
            if (n < 0) {
                int err = errno(state);
                if (err == 61 /* ENODATA */) {
                    return null;
                }
                throw new SyscallException("lgetxattr", path + ", " + name, err);
            }
            return buffer.asSlice(0, n).toArray(JAVA_BYTE_LAYOUT);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * lchown(2): changes the owner of the path itself, never a link's target.
     *
     * @param path the file or link
     * @param uid the new owner
     * @param gid the new group
     */
    public static void lchown(Path path, int uid, int gid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) LCHOWN.handle().invokeExact(state, arena.allocateFrom(path.toString()), uid, gid);
            if (rc < 0) {
                throw new SyscallException("lchown", path.toString(), errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * chmod(2) with all twelve mode bits (set-user-ID, set-group-ID and sticky included). Never call it on a
     * symbolic link.
     *
     * @param path the file, not a link
     * @param mode the mode bits, 07777 at most
     */
    public static void chmod(Path path, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) CHMOD.handle().invokeExact(state, arena.allocateFrom(path.toString()), mode & 07777);
            if (rc < 0) {
                throw new SyscallException("chmod", path.toString(), errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * utimensat(2) with AT_SYMLINK_NOFOLLOW: access and modification times of the path itself.
     *
     * @param path the file or link
     * @param atimeSeconds access time, seconds since the epoch
     * @param atimeNanos its nanoseconds
     * @param mtimeSeconds modification time, seconds since the epoch
     * @param mtimeNanos its nanoseconds
     */
    public static void lutimes(Path path, long atimeSeconds, long atimeNanos, long mtimeSeconds, long mtimeNanos) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment times = arena.allocate(JAVA_LONG, 4);
            times.setAtIndex(JAVA_LONG, 0, atimeSeconds);
            times.setAtIndex(JAVA_LONG, 1, atimeNanos);
            times.setAtIndex(JAVA_LONG, 2, mtimeSeconds);
            times.setAtIndex(JAVA_LONG, 3, mtimeNanos);
            int rc = (int) UTIMENSAT.handle().invokeExact(state, AT_FDCWD, arena.allocateFrom(path.toString()), times, AT_SYMLINK_NOFOLLOW);
            if (rc < 0) {
                throw new SyscallException("utimensat", path.toString(), errno(state));
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final java.lang.foreign.ValueLayout.OfByte JAVA_BYTE_LAYOUT = java.lang.foreign.ValueLayout.JAVA_BYTE;
}
