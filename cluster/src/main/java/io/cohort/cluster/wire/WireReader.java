package io.cohort.cluster.wire;

import static io.cohort.cluster.wire.DecodeError.BAD_FIELD;
import static io.cohort.cluster.wire.DecodeError.BAD_LENGTH;
import static io.cohort.cluster.wire.DecodeError.TRAILING_BYTES;
import static io.cohort.cluster.wire.DecodeError.TRUNCATED;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Reads fields in network byte order from a private view of the input, checking every length
 * against what remains before it reads or allocates anything. A fault is a
 * {@link MalformedMessage}, which {@link ClusterCodec#decode} turns into a result.
 */
final class WireReader {
    private final ByteBuffer in;
    private final int start;

    WireReader(ByteBuffer input) {
        in = input.duplicate().order(ByteOrder.BIG_ENDIAN);
        start = in.position();
    }

    int offset() {
        return in.position() - start;
    }

    MalformedMessage malformed(DecodeError error, String detail) {
        return new MalformedMessage(error, offset(), detail);
    }

    private void need(int octets, String what) throws MalformedMessage {
        if (in.remaining() < octets) {
            throw malformed(TRUNCATED, what + " needs " + octets + " octets, " + in.remaining() + " left");
        }
    }

    int u8(String what) throws MalformedMessage {
        need(1, what);
        return in.get() & 0xFF;
    }

    int u16(String what) throws MalformedMessage {
        need(2, what);
        return in.getShort() & 0xFFFF;
    }

    int u32(String what) throws MalformedMessage {
        need(4, what);
        return in.getInt();
    }

    long s64(String what) throws MalformedMessage {
        need(8, what);
        return in.getLong();
    }

    /** An unsigned field of {@code octets} (1 or 2) whose value must lie in {@code min..max}. */
    int bounded(int octets, int min, int max, String what) throws MalformedMessage {
        int value = octets == 1 ? u8(what) : u16(what);
        if (value < min || value > max) {
            in.position(in.position() - octets);
            throw malformed(BAD_FIELD, what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    /**
     * A 16-bit count of entries of at least {@code minEntry} octets each: outside
     * {@code min..max} is {@link DecodeError#BAD_LENGTH}; more entries than the remaining input
     * can hold is {@link DecodeError#TRUNCATED}. Either way, before the caller allocates for them.
     */
    int count(int min, int max, int minEntry, String what) throws MalformedMessage {
        int count = u16(what);
        if (count < min || count > max) {
            in.position(in.position() - 2);
            throw malformed(BAD_LENGTH, what + " " + count + " is outside " + min + ".." + max);
        }
        need(count * minEntry, count + " " + what);
        return count;
    }

    /** {@code octets} raw octets, already bounded by the caller. */
    byte[] bytes(int octets, String what) throws MalformedMessage {
        need(octets, what);
        byte[] value = new byte[octets];
        in.get(value);
        return value;
    }

    /** A member name: length octet, then 1..{@value ClusterCodec#MAX_NAME_OCTETS} octets of well-formed UTF-8, not blank. */
    MemberId memberId(String what) throws MalformedMessage {
        int length = u8(what + " length");
        if (length < 1 || length > ClusterCodec.MAX_NAME_OCTETS) {
            in.position(in.position() - 1);
            throw malformed(BAD_LENGTH, what + " length " + length + " is outside 1.." + ClusterCodec.MAX_NAME_OCTETS);
        }
        need(length, what);
        int at = in.position();
        ByteBuffer utf8 = in.slice(at, length);
        CharBuffer chars = CharBuffer.allocate(length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports, never replaces
        CoderResult result = decoder.decode(utf8, chars, true);
        if (result.isError() || decoder.flush(chars).isError()) {
            throw malformed(BAD_FIELD, what + " is not well-formed UTF-8");
        }
        String name = chars.flip().toString();
        if (name.isBlank()) {
            throw malformed(BAD_FIELD, what + " is blank");
        }
        in.position(at + length);
        return new MemberId(name);
    }

    /** Family octet (4 or 6), 4 or 16 address octets (not IPv4-mapped), port 1..65535. */
    MemberAddress address(String what) throws MalformedMessage {
        int family = u8(what + " family");
        byte[] ip = switch (family) {
            case 4 -> bytes(4, what);
            case 6 -> bytes(16, what);
            default -> {
                in.position(in.position() - 1);
                throw malformed(BAD_FIELD, what + " family " + family + " is neither 4 nor 6");
            }
        };
        if (isIpv4Mapped(ip)) {
            throw malformed(BAD_FIELD, what + " is an IPv4-mapped IPv6 address");
        }
        int port = u16(what + " port");
        if (port == 0) {
            throw malformed(BAD_FIELD, what + " port is 0");
        }
        return new MemberAddress(literal(ip), port);
    }

    static boolean isIpv4Mapped(byte[] ip) {
        if (ip.length != 16 || ip[10] != (byte) 0xFF || ip[11] != (byte) 0xFF) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 octets are always an address", e);
        }
    }

    /** The message must end here. */
    void end() throws MalformedMessage {
        if (in.hasRemaining()) {
            throw malformed(TRAILING_BYTES, in.remaining() + " octets after the message");
        }
    }
}
