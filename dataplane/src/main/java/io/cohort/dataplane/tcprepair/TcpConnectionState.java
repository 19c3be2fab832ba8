package io.cohort.dataplane.tcprepair;

import java.util.Objects;

/** A TCP connection's figure-7 state (patent): the initial part sent once, the essential part sent on each change. */
public record TcpConnectionState(TcpConnectionInitialState initial, TcpConnectionEssentialState essential) {
    public TcpConnectionState {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(essential, "essential");
    }
}
