package io.cohort.dataplane.tcprepair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class TcpConnectionInitialStateTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.1.0.1", 1723);
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.1.0.9", 40000);

    @Test
    void holdsWhatTheHandshakeFixed() {
        TcpConnectionInitialState initial = new TcpConnectionInitialState(SERVER, CLIENT, 1460, true, 7, 14, true, true);

        assertThat(initial.local()).isEqualTo(SERVER);
        assertThat(initial.remote()).isEqualTo(CLIENT);
        assertThat(initial.receiveWindowScale()).isEqualTo(TcpConnectionInitialState.MAX_WINDOW_SCALE);
    }

    @Test
    void rejectsWhatNoHandshakeCanNegotiate() {
        assertThatThrownBy(() -> new TcpConnectionInitialState(SERVER, CLIENT, 0, false, 0, 0, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpConnectionInitialState(SERVER, CLIENT, 65536, false, 0, 0, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpConnectionInitialState(SERVER, CLIENT, 1460, true, 15, 0, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpConnectionInitialState(SERVER, CLIENT, 1460, false, 7, 0, false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsOnlyResolvedIpv4Addresses() {
        assertThatThrownBy(() -> new TcpConnectionInitialState(new InetSocketAddress("::1", 1723), CLIENT, 1460,
                false, 0, 0, false, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpConnectionInitialState(SERVER, InetSocketAddress.createUnresolved("peer", 1),
                1460, false, 0, 0, false, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
