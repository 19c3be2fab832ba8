package io.cohort.benchmarks.live;

import io.cohort.client.ClientSession;
import io.cohort.client.load.PptpClientGroup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link DatagramBlaster}'s sink for PPTP: pre-encoded datagrams cannot be replayed there
 * (every MPPE packet changes the key, every GRE packet needs the next sequence number), so the
 * IPv4 packets go through the client's own PPP links (MPPE-128 stateless, GRE, raw socket) on
 * the clients' engine threads. The session is found by the packet's source address; packets are
 * handed over in batches of {@value #BATCH}, one blocking engine call each, which bounds the queue.
 */
final class PptpDataSink implements DatagramBlaster.Sink {
    static final int BATCH = 64;

    private final PptpClientGroup group;
    private final Map<Integer, ClientSession> bySource = new HashMap<>();
    private final List<ClientSession> sessions = new ArrayList<>(BATCH);
    private final List<ByteBuffer> packets = new ArrayList<>(BATCH);

    PptpDataSink(PptpClientGroup group, List<ClientSession> all) {
        this.group = group;
        for (ClientSession s : all) {
            bySource.put(ByteBuffer.wrap(s.address().getAddress()).getInt(), s);
        }
    }

    @Override
    public void send(ByteBuffer ipv4) throws IOException {
        ClientSession s = bySource.get(ipv4.getInt(ipv4.position() + 12));
        if (s == null) {
            throw new IllegalArgumentException("no session with the packet's source address");
        }
        sessions.add(s);
        packets.add(ipv4);
        if (sessions.size() == BATCH) {
            group.sendIpv4(sessions, packets);
            sessions.clear();
            packets.clear();
        }
    }
}
