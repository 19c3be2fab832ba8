package io.cohort.dataplane.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds one netlink message: the 16-byte {@code struct nlmsghdr}, a family header written field
 * by field, then route attributes ({@code struct rtattr}: u16 length, u16 type, value, padded
 * to 4 bytes). Netlink uses the host's byte order; addresses inside attributes are in network
 * order as given.
 */
public final class NetlinkRequest {
    static final int HEADER_SIZE = 16;
    private static final int ALIGN = 4;

    private final ByteBuffer buffer = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());

    private NetlinkRequest(short type, short flags) {
        buffer.putInt(0).putShort(type).putShort(flags).putInt(0).putInt(0);
    }

    /** A request of message {@code type} with {@code flags} (NLM_F_REQUEST is the caller's to set). */
    public static NetlinkRequest of(int type, int flags) {
        return new NetlinkRequest((short) type, (short) flags);
    }

    public NetlinkRequest u8(int value) {
        buffer.put((byte) value);
        return this;
    }

    public NetlinkRequest u16(int value) {
        buffer.putShort((short) value);
        return this;
    }

    public NetlinkRequest u32(int value) {
        buffer.putInt(value);
        return this;
    }

    public NetlinkRequest attribute(int type, byte[] value) {
        pad();
        buffer.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        pad();
        return this;
    }

    public NetlinkRequest attributeU32(int type, int value) {
        return attribute(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** The message with its length and {@code sequence} filled in; port id 0 lets the kernel fill ours. */
    public byte[] encode(int sequence) {
        pad();
        byte[] bytes = Arrays.copyOf(buffer.array(), buffer.position());
        ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).putInt(0, bytes.length).putInt(8, sequence);
        return bytes;
    }

    private void pad() {
        while (buffer.position() % ALIGN != 0) {
            buffer.put((byte) 0);
        }
    }
}
