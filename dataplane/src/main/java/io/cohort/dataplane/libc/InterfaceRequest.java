package io.cohort.dataplane.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct ifreq} (linux/if.h): a 16-byte NUL-terminated name followed by a 24-byte union,
 * of which TUNSETIFF reads {@code short ifr_flags} and SIOCGIFINDEX writes {@code int ifr_ifindex}
 * (both at offset 16).
 */
public final class InterfaceRequest {
    public static final int NAME_SIZE = 16;
    public static final MemoryLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(NAME_SIZE, ValueLayout.JAVA_BYTE).withName("ifr_name"),
            ValueLayout.JAVA_SHORT.withName("ifr_flags"),
            MemoryLayout.paddingLayout(22));
    public static final long FLAGS_OFFSET = LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("ifr_flags"));

    private InterfaceRequest() {
    }

    /** A zeroed ifreq carrying {@code name} (at most 15 bytes) and {@code flags}. */
    public static MemorySegment of(Arena arena, String name, short flags) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= NAME_SIZE || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("interface name must be 1-15 ASCII characters: '" + name + "'");
        }
        MemorySegment request = arena.allocate(LAYOUT);
        MemorySegment.copy(bytes, 0, request, ValueLayout.JAVA_BYTE, 0, bytes.length);
        request.set(ValueLayout.JAVA_SHORT, FLAGS_OFFSET, flags);
        return request;
    }

    /** {@code ifr_ifindex} as SIOCGIFINDEX filled it in. */
    public static int index(MemorySegment request) {
        return request.get(ValueLayout.JAVA_INT, FLAGS_OFFSET);
    }

    /** The name the kernel wrote back (e.g. {@code tun0} for a requested {@code tun%d}). */
    public static String name(MemorySegment request) {
        return request.asSlice(0, NAME_SIZE).getString(0, StandardCharsets.US_ASCII);
    }
}
