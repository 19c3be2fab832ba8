package io.cohort.dataplane.libc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class LibcTest {
    private static final ValueLayout.OfShort NETWORK_ORDER_SHORT = ValueLayout.JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    @Test
    void failedOpenCapturesErrnoAndNamesTheCall() {
        assertThat(Libc.open("/nonexistent/cohort", Libc.O_RDWR)).isNegative();
        SystemCallException failure = Libc.failure("open(/nonexistent/cohort)", "test");
        assertThat(failure.errno()).isEqualTo(2);
        assertThat(failure).hasMessage("open(/nonexistent/cohort) on test failed: errno 2 (No such file or directory)");
    }

    @Test
    void unknownInterfaceIsENODEV() {
        assertThatThrownBy(() -> Libc.ifNameToIndex("nosuchif0"))
                .isInstanceOf(SystemCallException.class)
                .hasMessageContaining("if_nametoindex on nosuchif0")
                .hasMessageContaining("errno 19");
    }

    @Test
    void loopbackHasAnIndex() throws SystemCallException {
        assertThat(Libc.ifNameToIndex("lo")).isPositive();
    }

    @Test
    void loopbackTcpThroughListenConnectAcceptAndTheNameCalls() {
        try (Arena arena = Arena.ofConfined()) {
            int listener = Libc.socket(Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0);
            int client = Libc.socket(Libc.AF_INET, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0);
            int accepted = -1;
            try {
                assertThat(Libc.bind(listener, loopbackSockaddrIn(arena, 0))).isZero();
                assertThat(Libc.listen(listener, 1)).isZero();
                MemorySegment listening = arena.allocate(16);
                assertThat(Libc.getsockname(listener, listening)).isZero();
                int port = Short.toUnsignedInt(listening.get(NETWORK_ORDER_SHORT, 2));
                assertThat(port).isPositive();

                assertThat(Libc.connect(client, loopbackSockaddrIn(arena, port))).isZero();
                accepted = Libc.accept(listener);
                assertThat(accepted).isNotNegative();
                MemorySegment clientName = arena.allocate(16);
                MemorySegment peerName = arena.allocate(16);
                assertThat(Libc.getsockname(client, clientName)).isZero();
                assertThat(Libc.getpeername(accepted, peerName)).isZero();
                assertThat(peerName.toArray(ValueLayout.JAVA_BYTE)).isEqualTo(clientName.toArray(ValueLayout.JAVA_BYTE));

                MemorySegment tcpInfo = arena.allocate(8);
                assertThat(Libc.getsockopt(accepted, Libc.IPPROTO_TCP, 11, tcpInfo)).isEqualTo(8);
                assertThat(tcpInfo.get(ValueLayout.JAVA_BYTE, 0)).as("tcpi_state TCP_ESTABLISHED").isEqualTo((byte) 1);
                assertThat(Libc.recv(accepted, arena.allocate(1), 1, Libc.MSG_PEEK | Libc.MSG_DONTWAIT)).isNegative();
                assertThat(Libc.lastErrno()).isEqualTo(Libc.EAGAIN);
            } finally {
                if (accepted >= 0) {
                    Libc.close(accepted);
                }
                Libc.close(client);
                Libc.close(listener);
            }
        }
    }

    /** struct sockaddr_in for 127.0.0.1:{@code port}. */
    private static MemorySegment loopbackSockaddrIn(Arena arena, int port) {
        MemorySegment address = arena.allocate(16);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
        address.set(NETWORK_ORDER_SHORT, 2, (short) port);
        address.setAtIndex(ValueLayout.JAVA_BYTE, 4, (byte) 127);
        address.setAtIndex(ValueLayout.JAVA_BYTE, 7, (byte) 1);
        return address;
    }
}
