package io.cohort.l2tp;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.TunnelHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** What a node asks of its I/O adapter and reports to it. Called on the node's thread. */
public interface L2tpEvents {
    /** Send {@code datagram} (position to limit) to {@code peer} from the node's UDP endpoint. */
    void transmit(InetSocketAddress peer, ByteBuffer datagram);

    void tunnelUp(TunnelHandle tunnel);

    /** The tunnel and all its sessions are gone (a LAC also hears of tunnels that never came up). */
    void tunnelDown(TunnelHandle tunnel, String reason);

    void sessionUp(SessionHandle session);

    /** A PPP frame; the buffer is only valid during the call. */
    void sessionData(SessionHandle session, ByteBuffer pppFrame);

    void sessionDown(SessionHandle session, String reason);
}
