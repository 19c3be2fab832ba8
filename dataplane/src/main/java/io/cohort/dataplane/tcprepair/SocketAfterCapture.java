package io.cohort.dataplane.tcprepair;

/** What {@link TcpConnectionRepair#capture} leaves of the socket it read. */
public enum SocketAfterCapture {
    /**
     * Out of repair mode without a window probe: the owner keeps serving the connection and
     * captures again when the essential state changes (patent, figure 7).
     */
    SERVING,
    /**
     * Still in repair mode: it sends nothing more, and closing it sends neither FIN nor RST, so
     * the connection lives on only where the state is restored. Close it promptly: until then its
     * timers still run and the kernel may acknowledge or retransmit, moving the peer past the
     * captured state.
     */
    FROZEN
}
