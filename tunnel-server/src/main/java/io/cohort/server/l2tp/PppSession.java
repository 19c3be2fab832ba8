package io.cohort.server.l2tp;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.server.registry.SessionEntry;
import io.cohort.server.registry.SessionState;
import io.cohort.server.registry.TrafficCounters;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One L2TP session and the server-role PPP link inside it, on the engine thread: PPP frames go
 * between the link and the L2TP session, IPv4 packets between the link and the
 * {@link Ipv4Dispatcher}, and the session's registry row follows the link's progress.
 */
final class PppSession implements PppLinkEvents, Ipv4Dispatcher.Route {
    private static final Logger LOG = Logger.getLogger(PppSession.class.getName());
    private static final int IPV4 = 0x0021;

    /** What a session needs from the wiring around it. */
    interface Owner {
        /** Sends a PPP frame on the L2TP session; false if the session is not up. */
        boolean sendFrame(SessionHandle session, ByteBuffer frame);

        /** The PPP link is dead: clear the L2TP session and forget this one. */
        void linkDown(PppSession session, String reason);

        /** A network packet the data path does not route (IPv6 for now, IPv4 before IPCP is up). */
        void unrouted();
    }

    private final SessionHandle handle;
    private final SessionEntry row;
    private final TrafficCounters tunnelTraffic;
    private final Ipv4Dispatcher dispatcher;
    private final Owner owner;
    private PppLink link;
    private Inet4Address address;
    private int peerMru;

    PppSession(SessionHandle handle, SessionEntry row, TrafficCounters tunnelTraffic, Ipv4Dispatcher dispatcher,
               Owner owner) {
        this.handle = Objects.requireNonNull(handle);
        this.row = Objects.requireNonNull(row);
        this.tunnelTraffic = Objects.requireNonNull(tunnelTraffic);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        this.owner = Objects.requireNonNull(owner);
    }

    /** Attaches the link (created with this object as its events) and starts LCP. */
    void open(PppLink pppLink) {
        this.link = pppLink;
        row.state(SessionState.AUTHENTICATING);
        link.open();
    }

    SessionHandle handle() {
        return handle;
    }

    PppLink link() {
        return link;
    }

    /** One PPP frame from the L2TP session. */
    void receiveFrame(ByteBuffer frame) {
        row.traffic().received(frame.remaining());
        tunnelTraffic.received(frame.remaining());
        link.receive(frame);
    }

    /** The L2TP session is gone: stop routing to it and close the link. */
    void lowerLayerDown(String reason) {
        if (address != null) {
            dispatcher.unregister(this);
        }
        link.close(reason);
    }

    /** The address IPCP assigned, once it did. */
    Optional<Inet4Address> assignedAddress() {
        return Optional.ofNullable(address);
    }

    @Override
    public void transmit(ByteBuffer frame) {
        int length = frame.remaining();
        if (owner.sendFrame(handle, frame)) {
            row.traffic().sent(length);
            tunnelTraffic.sent(length);
        }
    }

    @Override
    public void authenticated(String user) {
        row.user(user);
        row.state(SessionState.NETWORK);
    }

    @Override
    public void ipv4Up(Inet4Address local, Inet4Address peer) {
        if (address != null) {
            dispatcher.unregister(this);
        }
        address = peer;
        peerMru = link.snapshot().peerMru();
        dispatcher.register(this);
        row.address(Optional.of(peer));
        row.state(SessionState.UP);
        LOG.info(() -> "session " + row.key().tunnel().localId() + "/" + row.key().localId() + " up: "
                + row.status().user().orElse("-") + " at " + peer.getHostAddress());
    }

    @Override
    public void ipv6Up(long localInterfaceId, long peerInterfaceId) {
        LOG.fine(() -> "session " + row.key().localId() + ": IPV6CP up");
    }

    @Override
    public void received(int protocol, ByteBuffer packet) {
        if (protocol == IPV4 && address != null) {
            dispatcher.fromSession(this, packet);
        } else {
            owner.unrouted();
        }
    }

    @Override
    public void linkDown(String reason) {
        if (address != null) {
            dispatcher.unregister(this);
        }
        row.state(SessionState.CLOSING);
        owner.linkDown(this, reason);
    }

    @Override
    public Inet4Address address() {
        return address;
    }

    @Override
    public int peerMru() {
        return peerMru;
    }

    @Override
    public boolean sendIpv4(ByteBuffer packet) {
        return link.sendIpv4(packet);
    }
}
