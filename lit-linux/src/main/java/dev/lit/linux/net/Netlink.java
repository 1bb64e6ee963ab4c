package dev.lit.linux.net;

import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.NetSyscalls;
import dev.lit.linux.ffm.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A NETLINK_ROUTE socket in the network namespace of the thread that opened it (it stays
 * there when the thread moves on). Requests are sent with an acknowledgement asked for and
 * read until it comes, so every failure surfaces with the kernel's errno. Not thread-safe.
 */
final class Netlink implements AutoCloseable {
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 1;
    static final int NLM_F_ACK = 4;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;

    private static final int ENODEV = 19;
    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(65536);
    private int sequence;

    private Netlink(int fd) {
        this.fd = fd;
    }

    /** A socket in the calling thread's current network namespace. */
    static Netlink open() {
        return new Netlink(NetSyscalls.socket(NetSyscalls.AF_NETLINK, NetSyscalls.SOCK_RAW | NetSyscalls.SOCK_CLOEXEC, NetSyscalls.NETLINK_ROUTE));
    }

    /**
     * Sends {@code message} and waits for its acknowledgement; returns the reply that came
     * before it (for a GET), or null.
     *
     * @param what what the request does, for the error message, such as "create bridge lit-app"
     */
    ByteBuffer request(NetlinkMessage message, String what) {
        int seq = ++sequence;
        byte[] bytes = message.bytes(seq);
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
        NetSyscalls.send(fd, buffer, bytes.length);
        ByteBuffer reply = null;
        for (;;) {
            long n = NetSyscalls.recv(fd, buffer, buffer.byteSize());
            ByteBuffer in = buffer.asSlice(0, n).asByteBuffer().order(ByteOrder.nativeOrder());
            while (in.remaining() >= NetlinkMessage.HEADER) {
                int start = in.position();
                int length = in.getInt(start);
                int type = Short.toUnsignedInt(in.getShort(start + 4));
                int replySeq = in.getInt(start + 8);
                if (length < NetlinkMessage.HEADER || start + length > in.limit()) {
                    throw new IllegalStateException("malformed netlink reply to " + what);
                }
                if (replySeq == seq) {
                    if (type == NLMSG_ERROR) {
                        int error = -in.getInt(start + NetlinkMessage.HEADER);
                        if (error != 0) {
                            throw new SyscallException("netlink", what, error);
                        }
                        return reply;
                    }
                    if (type == NLMSG_DONE) {
                        return reply;
                    }
                    byte[] copy = new byte[length];
                    in.get(start, copy);
                    reply = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
                }
                in.position(start + ((length + 3) & ~3));
            }
        }
    }

    /** Whether {@code e} is the kernel saying "no such device": the link is already gone. */
    static boolean noSuchDevice(SyscallException e) {
        return e.errno() == ENODEV;
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
