package dev.lit.linux.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds one rtnetlink request: the 16-byte header, a fixed family header, then attributes
 * (4-byte aligned, nestable). Native byte order throughout, as the kernel expects.
 */
final class NetlinkMessage {
    static final int HEADER = 16;
    private final ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
    private final Deque<Integer> nests = new ArrayDeque<>();

    NetlinkMessage(int type, int flags) {
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
    }

    /** struct ifinfomsg. */
    NetlinkMessage ifinfo(int family, int index, int flags, int change) {
        buf.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        return this;
    }

    /** struct ifaddrmsg. */
    NetlinkMessage ifaddr(int family, int prefixLength, int scope, int index) {
        buf.put((byte) family).put((byte) prefixLength).put((byte) 0).put((byte) scope).putInt(index);
        return this;
    }

    /** struct rtmsg. */
    NetlinkMessage rtmsg(int family, int dstLength, int table, int protocol, int scope, int type) {
        buf.put((byte) family).put((byte) dstLength).put((byte) 0).put((byte) 0)
                .put((byte) table).put((byte) protocol).put((byte) scope).put((byte) type).putInt(0);
        return this;
    }

    NetlinkMessage attr(int type, byte[] value) {
        buf.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        align();
        return this;
    }

    NetlinkMessage attrInt(int type, int value) {
        return attr(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** A NUL-terminated string attribute, as interface names are. */
    NetlinkMessage attrString(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        byte[] z = new byte[text.length + 1];
        System.arraycopy(text, 0, z, 0, text.length);
        return attr(type, z);
    }

    NetlinkMessage begin(int type) {
        nests.push(buf.position());
        buf.putShort((short) 0).putShort((short) type);
        return this;
    }

    NetlinkMessage end() {
        int start = nests.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    private void align() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }

    /** The finished bytes with length and sequence number set. */
    byte[] bytes(int sequence) {
        buf.putInt(0, buf.position());
        buf.putInt(8, sequence);
        byte[] out = new byte[buf.position()];
        buf.get(0, out);
        return out;
    }
}
