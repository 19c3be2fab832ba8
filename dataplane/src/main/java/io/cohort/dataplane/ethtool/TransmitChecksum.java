package io.cohort.dataplane.ethtool;

import io.cohort.dataplane.libc.InterfaceRequest;
import io.cohort.dataplane.libc.Libc;
import io.cohort.dataplane.libc.SystemCallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Transmit checksum offload of an interface, as {@code ethtool -K DEV tx off} sets it (ethtool is
 * not a dependency): the {@code SIOCETHTOOL} ioctl with {@code ETHTOOL_STXCSUM}.
 *
 * <p>Why Cohort needs it: a veth hands its peer TCP and UDP packets whose checksum is only
 * partial ("the hardware fills it in"), and the receiving kernel trusts them. A steering master
 * that captures such a frame and forwards it to the owning member re-sends it as an ordinary
 * frame, and the owner's kernel drops it for its wrong checksum. A real network card delivers
 * complete checksums, so only client namespaces on veth (the local cluster, the tests) need their
 * interface's offload turned off, to behave like a host on a real LAN.
 */
public final class TransmitChecksum {
    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_STXCSUM = 0x17;
    private static final int SOCK_DGRAM = 2;

    private TransmitChecksum() {}

    /** Turns transmit checksum offload off on {@code device}, in the calling thread's network namespace. */
    public static void disable(String device) throws SystemCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(8); // struct ethtool_value { u32 cmd; u32 data; }
            value.set(ValueLayout.JAVA_INT, 0, ETHTOOL_STXCSUM);
            value.set(ValueLayout.JAVA_INT, 4, 0);
            MemorySegment request = InterfaceRequest.of(arena, device, (short) 0);
            request.set(ValueLayout.ADDRESS, InterfaceRequest.FLAGS_OFFSET, value); // ifr_data
            int fd = Libc.socket(Libc.AF_INET, SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Libc.failure("socket(AF_INET, SOCK_DGRAM)", device);
            }
            try {
                if (Libc.ioctl(fd, SIOCETHTOOL, request) != 0) {
                    throw Libc.failure("ioctl(SIOCETHTOOL, ETHTOOL_STXCSUM off)", device);
                }
            } finally {
                Libc.close(fd);
            }
        }
    }
}
