package io.cohort.server.pptp;

import io.cohort.pptp.control.ControlConnection;
import io.cohort.pptp.control.ControlConnectionEvents;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.wire.CallDisconnectResult;
import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.pptp.wire.StopControlConnectionReason;
import io.cohort.server.registry.SessionRegistry;
import io.cohort.server.registry.TunnelKey;
import io.cohort.server.registry.TunnelState;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One accepted TCP connection on the engine thread: the {@link ControlConnection} that speaks
 * RFC 2637's control protocol on it, its messages written to the Netty channel, its calls handed
 * to the {@link PptpCallWiring}, and its row in the registry (one PPTP "tunnel" per control
 * connection, keyed by a number this server gives each connection). Its state is published after
 * each message exchange ({@link ConnectionReplication}); a connection taken over from another
 * member is {@linkplain #resume resumed} on a restored socket, and one handed over to another
 * member is {@linkplain #handOver dropped} without a word to the peer.
 */
final class PptpConnection implements ControlConnectionEvents {
    private static final Logger LOG = Logger.getLogger(PptpConnection.class.getName());

    private final Channel channel;
    private final TunnelKey key;
    private final InetSocketAddress peer;
    private final SessionRegistry registry;
    private final PptpCallWiring wiring;
    private final ConnectionReplication replication;
    private ControlConnection control;
    private boolean listed;
    private boolean closed;
    /** While a received chunk is processed: what is sent meanwhile is part of that exchange. */
    private boolean receiving;

    /** {@code peer} is the channel's remote address, an IPv4 one (GRE goes to and comes from its address). */
    PptpConnection(Channel channel, InetSocketAddress peer, TunnelKey key, SessionRegistry registry,
                   PptpCallWiring wiring, ConnectionReplication replication) {
        this.channel = Objects.requireNonNull(channel);
        this.key = Objects.requireNonNull(key);
        this.peer = Objects.requireNonNull(peer);
        this.registry = Objects.requireNonNull(registry);
        this.wiring = Objects.requireNonNull(wiring);
        this.replication = Objects.requireNonNull(replication);
    }

    /** Attaches the control connection (built with this object as its events) and starts its set-up timer. */
    void start(ControlConnection controlConnection) {
        control = controlConnection;
        control.start();
    }

    /**
     * Attaches a control connection {@linkplain ControlConnection#rebuild rebuilt} from another
     * member's records (built with this object as its events), on the TCP connection restored
     * under it: listed as established at once, nothing sent.
     */
    void resume(ControlConnection rebuilt) {
        control = rebuilt;
        registry.addTunnel(key, 0, peer).state(TunnelState.ESTABLISHED);
        listed = true;
        LOG.info(() -> "PPTP control connection " + key.localId() + " with " + peer + " taken over ("
                + rebuilt.calls().size() + " calls)");
    }

    /**
     * The connection is another member's now (its work unit was handed over): the TCP socket is
     * frozen in repair mode so that closing it sends neither FIN nor RST, the calls go down
     * without Call-Disconnect-Notify or PPP Terminate-Request (nothing reaches the wire), nothing
     * more is published, and the channel is closed.
     */
    void handOver(ControlSocketRepair sockets) {
        if (closed) {
            return;
        }
        sockets.freeze(channel);
        replication.handOver();
        closed = true;
        unlist();
        control.transportClosed("work unit handed over to another member");
        if (channel.isRegistered()) {
            channel.close();
        } else {
            channel.unsafe().closeForcibly(); // a restored channel that never joined the loop
        }
        LOG.info(() -> "PPTP control connection " + key.localId() + " with " + peer + " handed over");
    }

    ConnectionReplication replication() {
        return replication;
    }

    TunnelKey tunnelKey() {
        return key;
    }

    Inet4Address peerAddress() {
        return (Inet4Address) peer.getAddress();
    }

    ControlConnection control() {
        return control;
    }

    boolean closed() {
        return closed;
    }

    /** Octets from the TCP connection. */
    void receive(ByteBuffer chunk) {
        receiving = true;
        try {
            control.receive(chunk);
        } finally {
            receiving = false;
        }
        if (!closed) {
            replication.exchanged(control);
        }
    }

    /** Ends one call from our side (its PPP link went down). */
    void clearCall(int callId, CallDisconnectResult result, String reason) {
        control.clearCall(callId, result, reason);
    }

    /** Stops the control connection (StopCCRQ after clearing the calls); the channel closes after. */
    void shutdown(String reason) {
        control.shutdown(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, reason);
    }

    /** The TCP connection is gone (closed by the peer, reset, or closed by us). */
    void transportClosed(String reason) {
        control.transportClosed(reason);
        unlist();
        replication.connectionGone();
    }

    @Override
    public void send(ControlMessage message) {
        if (!channel.isActive()) {
            return; // closed under us (e.g. cut off for not reading); the close event is on its way
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(PptpCodec.encode(message)), channel.voidPromise());
        if (!receiving && !closed) {
            replication.exchanged(control); // a message of our own, e.g. an Echo-Request (3.1.4)
        }
    }

    @Override
    public void established(ControlMessage.StartControlConnectionRequest request) {
        registry.addTunnel(key, 0, peer).state(TunnelState.ESTABLISHED);
        listed = true;
        LOG.info(() -> "PPTP control connection " + key.localId() + " up with " + peer + " (" + printable(request.hostName())
                + ", " + printable(request.vendorString()) + ")");
    }

    @Override
    public void callUp(PptpCall call) {
        wiring.callUp(this, call);
    }

    @Override
    public void callDown(PptpCall call, String reason) {
        wiring.callDown(this, call, reason);
    }

    @Override
    public void closeTransport(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        boolean wasEstablished = listed;
        unlist();
        replication.connectionGone();
        // Connections that never got established are counted by the control connection; logging
        // each at INFO would let a flood of bad peers flood the log.
        LOG.log(wasEstablished ? Level.INFO : Level.FINE,
                () -> "PPTP control connection " + key.localId() + " with " + peer + " closed: " + reason);
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** The peer's text fields are Latin-1 of its choosing: keep control characters out of the log. */
    private static String printable(String text) {
        return text.codePoints().map(c -> c < 0x20 || (c >= 0x7F && c < 0xA0) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private void unlist() {
        if (listed) {
            listed = false;
            registry.tunnel(key).ifPresent(t -> t.state(TunnelState.CLOSING));
            registry.removeTunnel(key);
        }
    }
}
