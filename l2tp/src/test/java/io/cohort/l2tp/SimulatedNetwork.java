package io.cohort.l2tp;

import io.cohort.l2tp.session.SessionHandle;
import io.cohort.l2tp.tunnel.L2tpTunnelState;
import io.cohort.l2tp.tunnel.TunnelHandle;
import io.cohort.time.VirtualScheduler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Nodes exchanging datagrams in virtual time, over a link that can lose, duplicate and reorder. */
final class SimulatedNetwork {
    final VirtualScheduler scheduler = new VirtualScheduler();
    private final Map<InetSocketAddress, L2tpNode> nodes = new HashMap<>();
    private final Random random;
    double loss;
    double duplication;
    int maxExtraDelayMillis;
    boolean cut;
    long delivered;

    SimulatedNetwork(long seed) {
        this.random = new Random(seed);
    }

    static InetSocketAddress address(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    Host host(InetSocketAddress address, L2tpConfig config) {
        return host(address, config, TunnelStateAuthority.ALWAYS);
    }

    /** A node that answers packets for tunnels it does not know only where {@code authority} says so. */
    Host host(InetSocketAddress address, L2tpConfig config, TunnelStateAuthority authority) {
        Host h = new Host(address);
        h.node = new L2tpNode(config, scheduler, h, new io.cohort.telemetry.Counters(), new java.security.SecureRandom(),
                null, null, authority);
        nodes.put(address, h.node);
        return h;
    }

    /**
     * {@code failed} dies (its timers still run, but nothing it sends leaves it) and a new member
     * at its address takes over every tunnel it had, from their state at the moment of death.
     */
    Host takeOver(Host failed, L2tpConfig config) {
        failed.dead = true;
        Host h = host(failed.address, config);
        for (L2tpTunnelState s : failed.node.failoverStates()) {
            h.restored.add(h.node.restoreTunnel(s));
        }
        return h;
    }

    void run(Duration d) {
        scheduler.advance(d);
    }

    private void carry(InetSocketAddress from, InetSocketAddress to, ByteBuffer datagram) {
        if (cut || random.nextDouble() < loss) {
            return;
        }
        byte[] copy = new byte[datagram.remaining()];
        datagram.duplicate().get(copy);
        int copies = random.nextDouble() < duplication ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            int delay = 5 + (maxExtraDelayMillis == 0 ? 0 : random.nextInt(maxExtraDelayMillis));
            scheduler.schedule(Duration.ofMillis(delay), () -> {
                L2tpNode target = nodes.get(to);
                if (target != null) {
                    delivered++;
                    target.receive(from, ByteBuffer.wrap(copy));
                }
            });
        }
    }

    /** One node and everything it reported. */
    final class Host implements L2tpEvents {
        final InetSocketAddress address;
        L2tpNode node;
        final List<TunnelHandle> up = new ArrayList<>();
        final Map<TunnelHandle, String> down = new HashMap<>();
        final List<SessionHandle> sessionsUp = new ArrayList<>();
        final Map<SessionHandle, String> sessionsDown = new HashMap<>();
        final List<String> received = new ArrayList<>();
        final List<ByteBuffer> transmitted = new ArrayList<>();
        /** Tunnels this member took over, in the order the failed member listed them. */
        final List<TunnelHandle> restored = new ArrayList<>();
        boolean dead;

        Host(InetSocketAddress address) {
            this.address = address;
        }

        @Override
        public void transmit(InetSocketAddress peer, ByteBuffer datagram) {
            if (dead) {
                return;
            }
            transmitted.add(datagram.duplicate());
            carry(address, peer, datagram);
        }

        @Override public void tunnelUp(TunnelHandle t) { up.add(t); }
        @Override public void tunnelDown(TunnelHandle t, String reason) { down.put(t, reason); }
        @Override public void sessionUp(SessionHandle s) { sessionsUp.add(s); }
        @Override public void sessionDown(SessionHandle s, String reason) { sessionsDown.put(s, reason); }

        @Override
        public void sessionData(SessionHandle s, ByteBuffer frame) {
            byte[] b = new byte[frame.remaining()];
            frame.duplicate().get(b);
            received.add(new String(b, StandardCharsets.UTF_8));
        }

        void send(SessionHandle s, String text) {
            node.sendData(s, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
