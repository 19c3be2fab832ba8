package io.cohort.dataplane.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The route attributes after a family header ({@code struct rtattr}: u16 length including its
 * 4-byte header, u16 type, value, padded to 4 bytes), by type. The first attribute of a type
 * wins; the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits are not part of the type.
 */
final class RouteAttributes {
    private static final int TYPE_MASK = 0x3fff;

    private final Map<Integer, ByteBuffer> values;

    private RouteAttributes(Map<Integer, ByteBuffer> values) {
        this.values = values;
    }

    /**
     * The attributes of {@code payload} from {@code offset} (the size of the family header) on.
     *
     * @throws IllegalArgumentException if an attribute's length is impossible
     */
    static RouteAttributes parse(ByteBuffer payload, int offset) {
        Map<Integer, ByteBuffer> values = new HashMap<>();
        int position = offset;
        while (position + 4 <= payload.limit()) {
            int length = Short.toUnsignedInt(payload.getShort(position));
            int type = Short.toUnsignedInt(payload.getShort(position + 2)) & TYPE_MASK;
            if (length < 4 || position + length > payload.limit()) {
                throw new IllegalArgumentException("malformed route attribute: type " + type + ", length " + length
                        + " at offset " + position + " of " + payload.limit());
            }
            values.putIfAbsent(type, payload.slice(position + 4, length - 4).order(ByteOrder.nativeOrder()));
            position += (length + 3) & ~3;
        }
        return new RouteAttributes(values);
    }

    /** The value of attribute {@code type}, copied. */
    Optional<byte[]> bytes(int type) {
        return Optional.ofNullable(values.get(type)).map(value -> {
            byte[] copy = new byte[value.remaining()];
            value.get(0, copy);
            return copy;
        });
    }

    /** A NUL-terminated string attribute (such as IFLA_IFNAME), without its NUL. */
    Optional<String> string(int type) {
        return bytes(type).map(value -> {
            int end = 0;
            while (end < value.length && value[end] != 0) {
                end++;
            }
            return new String(value, 0, end, StandardCharsets.US_ASCII);
        });
    }
}
