package dev.lit.linux.rootfs;

/** mount(2) flags, as in linux/mount.h. */
public final class MountFlags {
    public static final long RDONLY = 1;
    public static final long NOSUID = 2;
    public static final long NODEV = 4;
    public static final long NOEXEC = 8;
    public static final long REMOUNT = 32;
    public static final long BIND = 4096;
    public static final long REC = 16384;
    public static final long PRIVATE = 1L << 18;
    public static final long STRICTATIME = 1L << 24;

    private MountFlags() {
    }
}
