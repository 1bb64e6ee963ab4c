package dev.lit.linux.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;

/** The socket calls the network code makes (netlink), and open(2) for namespace files. */
public final class NetSyscalls {
    /** socket(2) domain of netlink, the kernel's configuration interface. */
    public static final int AF_NETLINK = 16;
    /** socket(2) type netlink sockets use. */
    public static final int SOCK_RAW = 3;
    /** socket(2) type flag: close the descriptor on exec. */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** Netlink protocol for links, addresses and routes (rtnetlink). */
    public static final int NETLINK_ROUTE = 0;
    private static final int EINTR = 4;

    private static final Downcall SOCKET = Downcall.withErrno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final Downcall SEND = Downcall.withErrno("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final Downcall RECV = Downcall.withErrno("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final Downcall OPEN = Downcall.withErrno("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));

    private NetSyscalls() {
    }

    /**
     * socket(2).
     *
     * @param domain such as {@link #AF_NETLINK}
     * @param type such as {@link #SOCK_RAW} | {@link #SOCK_CLOEXEC}
     * @param protocol such as {@link #NETLINK_ROUTE}
     * @return the descriptor
     */
    public static int socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            int fd = (int) SOCKET.handle().invokeExact(state, domain, type, protocol);
            if (fd < 0) {
                throw new SyscallException("socket", "domain " + domain + ", protocol " + protocol, Downcall.errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * send(2) of all of {@code buffer} (a datagram socket sends it whole or fails).
     *
     * @param fd the socket
     * @param buffer native memory holding the datagram
     * @param length its length
     */
    public static void send(int fd, MemorySegment buffer, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            for (;;) {
                long n = (long) SEND.handle().invokeExact(state, fd, buffer, length, 0);
                if (n >= 0) {
                    return;
                }
                int errno = Downcall.errno(state);
                if (errno != EINTR) {
                    throw new SyscallException("send", "fd " + fd, errno);
                }
            }
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * recv(2) of one datagram into {@code buffer}; returns its length.
     *
     * @param fd the socket
     * @param buffer native memory to receive into
     * @param length its size
     * @return the datagram's length
     */
    public static long recv(int fd, MemorySegment buffer, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            for (;;) {
                long n = (long) RECV.handle().invokeExact(state, fd, buffer, length, 0);
                if (n >= 0) {
                    return n;
                }
                int errno = Downcall.errno(state);
                if (errno != EINTR) {
                    throw new SyscallException("recv", "fd " + fd, errno);
                }
            }
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }

    /**
     * open(2) read-only and close-on-exec, for namespace files such as {@code /proc/PID/ns/net}.
     *
     * @param path the file
     * @return the descriptor
     */
    public static int openReadOnly(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Downcall.CALL_STATE);
            int fd = (int) OPEN.handle().invokeExact(state, arena.allocateFrom(path), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (fd < 0) {
                throw new SyscallException("open", path, Downcall.errno(state));
            }
            return fd;
        } catch (Throwable t) {
            throw Downcall.rethrow(t);
        }
    }
}
