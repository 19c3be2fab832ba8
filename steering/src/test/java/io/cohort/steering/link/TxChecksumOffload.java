package io.cohort.steering.link;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Turns off transmit checksum offload on an interface of the calling thread's namespace, as
 * {@code ethtool -K DEV tx off} would (ethtool is not installed here): the legacy {@code
 * SIOCETHTOOL} ioctl with {@code ETHTOOL_STXCSUM}.
 *
 * <p>Why the steering tests need it: a veth hands its peer packets whose TCP/UDP checksum is
 * still only partial ({@code CHECKSUM_PARTIAL}: "the hardware will fill it in"), which the
 * receiving kernel trusts. The master captures those bytes; re-sent to the owner through pcap
 * they become an ordinary frame with a wrong checksum, which the owner's kernel drops. On a real
 * NIC received checksums are complete, so this is a property of veth test LANs only; a client
 * namespace whose interface computes its checksums behaves like a host on a real LAN.
 */
final class TxChecksumOffload {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_STXCSUM = 0x17;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_HANDLE = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SOCKET = LINKER.downcallHandle(LINKER.defaultLookup().find("socket").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private TxChecksumOffload() {}

    /** Disables TX checksum offload on {@code device} in the calling thread's namespace. */
    static void disable(String device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(8); // struct ethtool_value { u32 cmd; u32 data; }
            value.set(ValueLayout.JAVA_INT, 0, ETHTOOL_STXCSUM);
            value.set(ValueLayout.JAVA_INT, 4, 0);
            MemorySegment ifreq = arena.allocate(40); // struct ifreq: name[16], then ifr_data
            byte[] name = device.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            MemorySegment.copy(name, 0, ifreq, ValueLayout.JAVA_BYTE, 0, name.length);
            ifreq.set(ValueLayout.ADDRESS, 16, value);
            MemorySegment errno = arena.allocate(Linker.Option.captureStateLayout());
            int fd = (int) SOCKET.invokeExact(AF_INET, SOCK_DGRAM, 0);
            if (fd < 0) {
                throw new IllegalStateException("socket() failed");
            }
            try {
                if ((int) IOCTL.invokeExact(errno, fd, SIOCETHTOOL, ifreq) != 0) {
                    throw new IllegalStateException("SIOCETHTOOL(ETHTOOL_STXCSUM, 0) on " + device + " failed: errno "
                            + (int) ERRNO_HANDLE.get(errno, 0L));
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot turn off TX checksum offload on " + device, t);
        }
    }
}
