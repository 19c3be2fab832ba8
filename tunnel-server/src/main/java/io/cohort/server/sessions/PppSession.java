package io.cohort.server.sessions;

import io.cohort.ppp.PppLink;
import io.cohort.ppp.PppLinkEvents;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.server.dataplane.Ipv4Dispatcher;
import io.cohort.server.registry.SessionEntry;
import io.cohort.server.registry.SessionState;
import io.cohort.server.registry.TrafficCounters;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One session (an L2TP session, a PPTP call) and the server-role PPP link inside it, on the
 * engine thread: PPP frames go between the link and the lower layer {@code H}, IPv4 packets
 * between the link and the {@link Ipv4Dispatcher}, and the session's registry row follows the
 * link's progress.
 *
 * <p>With MPPE in force the Information field the MRU bounds carries the 2-octet MPPE header and
 * the 2-octet inner protocol before each packet (RFC 3078 3), so the data path sees the peer's MRU
 * less {@link #MPPE_OVERHEAD}: a packet that would not fit once encrypted is dropped and counted
 * by the dispatcher rather than silently by the peer.
 *
 * @param <H> the lower layer's handle for this session
 */
public final class PppSession<H> implements PppLinkEvents, Ipv4Dispatcher.Route {
    /** The MPPE header and the inner protocol field (RFC 3078 3), in every encrypted Information field. */
    public static final int MPPE_OVERHEAD = 4;
    private static final Logger LOG = Logger.getLogger(PppSession.class.getName());
    private static final int IPV4 = 0x0021;

    /** What a session needs from the wiring around it. */
    public interface Owner<H> {
        /** Sends a PPP frame on the lower layer; false if it is not up (or refused the frame). */
        boolean sendFrame(H lower, ByteBuffer frame);

        /** The PPP link is dead: clear the lower layer and forget this session. */
        void linkDown(PppSession<H> session, String reason);

        /** A network packet the data path does not route (IPv6 for now, IPv4 before IPCP is up). */
        void unrouted();

        /**
         * IPCP is up and the session routed at {@link #assignedAddress}: its state is now worth
         * replicating (patent, figure 7). Not called for a {@linkplain #resume resumed} session.
         */
        default void networkUp(PppSession<H> session) { }
    }

    private final H handle;
    private final SessionEntry row;
    private final TrafficCounters tunnelTraffic;
    private final Ipv4Dispatcher dispatcher;
    private final Owner<H> owner;
    private PppLink link;
    private Inet4Address address;
    private int peerMru;
    private boolean encrypted;

    public PppSession(H handle, SessionEntry row, TrafficCounters tunnelTraffic, Ipv4Dispatcher dispatcher,
                      Owner<H> owner) {
        this.handle = Objects.requireNonNull(handle);
        this.row = Objects.requireNonNull(row);
        this.tunnelTraffic = Objects.requireNonNull(tunnelTraffic);
        this.dispatcher = Objects.requireNonNull(dispatcher);
        this.owner = Objects.requireNonNull(owner);
    }

    /** Attaches the link (created with this object as its events) and starts LCP. */
    public void open(PppLink pppLink) {
        this.link = pppLink;
        row.state(SessionState.AUTHENTICATING);
        link.open();
    }

    /**
     * Attaches a link {@linkplain PppLink#resume resumed} from another member's state records
     * (created with this object as its events; patent, figure 7): the session is up at once, at
     * the address, user and encryption the records say, and routed; nothing is sent and no event
     * is raised. The caller has claimed the address in the pool.
     */
    public void resume(PppLink resumed) {
        this.link = resumed;
        PppLinkInitialState initial = resumed.initialState();
        encrypted = initial.mppeMode().isPresent();
        initial.user().ifPresent(row::user);
        address = initial.ipcp().peerAddress();
        peerMru = resumed.snapshot().peerMru() - (encrypted ? MPPE_OVERHEAD : 0);
        dispatcher.register(this);
        row.address(Optional.of(address));
        row.state(SessionState.UP);
        LOG.info(() -> "session " + row.key().tunnel().protocol() + " " + row.key().tunnel().localId() + "/"
                + row.key().localId() + " taken over: " + row.status().user().orElse("-") + " at "
                + address.getHostAddress() + (encrypted ? ", MPPE" : ""));
    }

    public H handle() {
        return handle;
    }

    public PppLink link() {
        return link;
    }

    public SessionEntry row() {
        return row;
    }

    /** One PPP frame from the lower layer. */
    public void receiveFrame(ByteBuffer frame) {
        row.traffic().received(frame.remaining());
        tunnelTraffic.received(frame.remaining());
        link.receive(frame);
    }

    /** The lower layer is gone: stop routing to it and close the link. */
    public void lowerLayerDown(String reason) {
        if (address != null) {
            dispatcher.unregister(this);
        }
        link.close(reason);
    }

    /** The address IPCP assigned, once it did. */
    public Optional<Inet4Address> assignedAddress() {
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
    public void encrypted(MppeMode mode) {
        encrypted = true;
        LOG.fine(() -> "session " + row.key().tunnel().localId() + "/" + row.key().localId() + ": MPPE " + mode);
    }

    @Override
    public void ipv4Up(Inet4Address local, Inet4Address peer) {
        if (address != null) {
            dispatcher.unregister(this);
        }
        address = peer;
        peerMru = link.snapshot().peerMru() - (encrypted ? MPPE_OVERHEAD : 0);
        dispatcher.register(this);
        row.address(Optional.of(peer));
        row.state(SessionState.UP);
        LOG.info(() -> "session " + row.key().tunnel().protocol() + " " + row.key().tunnel().localId() + "/"
                + row.key().localId() + " up: " + row.status().user().orElse("-") + " at " + peer.getHostAddress()
                + (encrypted ? ", MPPE" : ""));
        owner.networkUp(this);
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
