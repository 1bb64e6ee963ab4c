package dev.lit.linux.plan;

import java.util.Set;

/** Linux namespaces, with their clone flag and their name under /proc/PID/ns. */
public enum Namespace {
    MOUNT(0x00020000, "mnt"),
    UTS(0x04000000, "uts"),
    IPC(0x08000000, "ipc"),
    USER(0x10000000, "user"),
    PID(0x20000000, "pid"),
    NETWORK(0x40000000, "net"),
    CGROUP(0x02000000, "cgroup");

    private final int flag;
    private final String procName;

    Namespace(int flag, String procName) {
        this.flag = flag;
        this.procName = procName;
    }

    public int flag() {
        return flag;
    }

    public String procName() {
        return procName;
    }

    public static int flags(Set<Namespace> namespaces) {
        int flags = 0;
        for (Namespace ns : namespaces) {
            flags |= ns.flag;
        }
        return flags;
    }
}
