package dev.lit.linux.net;

import dev.lit.LitException;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.NetSyscalls;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Opens a netlink socket inside another process's network namespace. setns(CLONE_NEWNET)
 * moves only the calling thread, so it runs on a short-lived platform thread of its own
 * (never a virtual thread, which could hop carriers), as Go programs pin with
 * LockOSThread; the thread moves back before it ends. A socket stays in the namespace it
 * was created in, so everything after that runs on the caller's thread.
 */
final class InNamespace {
    private static final int CLONE_NEWNET = 0x40000000;

    private InNamespace() {
    }

    /** Runs {@code work} with a netlink socket in the network namespace {@code netnsFd}. */
    static <T> T withNetlink(int netnsFd, Function<Netlink, T> work) {
        Netlink netlink = open(netnsFd);
        try (netlink) {
            return work.apply(netlink);
        }
    }

    private static Netlink open(int netnsFd) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("lit-netns").unstarted(() -> {
            int home = NetSyscalls.openReadOnly("/proc/thread-self/ns/net");
            try {
                Libc.setns(netnsFd, CLONE_NEWNET);
                try {
                    result.set(Netlink.open());
                } finally {
                    Libc.setns(home, CLONE_NEWNET);
                }
            } catch (RuntimeException e) {
                // a failed move back leaves only this thread in the namespace, and it ends now
                if (!(result.get() instanceof Netlink)) {
                    result.set(e);
                }
            } finally {
                Libc.close(home);
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LitException("interrupted while entering a network namespace", e);
        }
        return switch (result.get()) {
            case Netlink n -> n;
            case RuntimeException e -> throw e;
            case null, default -> throw new LitException("could not open a netlink socket in the container's network namespace");
        };
    }
}
