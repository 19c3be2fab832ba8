package io.cohort.benchmarks;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.tcprepair.TcpConnectionEssentialState;
import io.cohort.dataplane.tcprepair.TcpConnectionInitialState;
import io.cohort.dataplane.tcprepair.TcpConnectionState;
import io.cohort.dataplane.tcprepair.TcpRepairWindow;
import io.cohort.pptp.control.ControlConnection;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.server.pptp.PptpPublicationProbe;
import io.cohort.telemetry.Counters;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A PPTP control connection with one call up (MS-CHAPv2, MPPE-128 stateless: {@link PptpInMemoryPair})
 * whose server end publishes through the server's own publication ({@link PptpPublicationProbe}),
 * at the moments the server's {@code ConnectionReplication} does: everything once the call's link
 * is up, the control connection and its TCP connection after an exchange, the call's counters at
 * the sweep.
 *
 * <p>No kernel socket runs in memory, so the TCP connection's record is built as
 * {@code TcpConnectionRepair.capture} would read it from an idle connection: the options of a
 * Linux peer on Ethernet (MSS 1460, window scale 7, SACK, timestamps), sequence numbers moved by
 * the control octets carried each way, the timestamp clock in milliseconds, empty queues (the
 * server captures only at a message boundary). Its encoding has the same length whatever the
 * values.
 */
public final class PptpPublishingPair {
    private final WorkUnit unit;
    private final long connection;
    private static final int INITIAL_SEND_SEQUENCE = 0x1000_0000;
    private static final int INITIAL_RECEIVE_SEQUENCE = 0x2000_0000;
    private static final TcpConnectionInitialState TCP_INITIAL = new TcpConnectionInitialState(
            new InetSocketAddress("192.0.2.1", 1723), new InetSocketAddress("192.0.2.2", 40000), 1460, true, 7, 7,
            true, true);

    private final PptpInMemoryPair pair = new PptpInMemoryPair(new PptpInMemoryPair.Shared());
    private final PptpPublicationProbe publication;
    private final PptpInMemoryPair.End server;
    private final PptpInMemoryPair.End client;
    private InMemoryPair.DatagramSink serverTap;
    private long octetsPublished = -1;

    /** Sets up the call and publishes everything about it, as the server has once the call's link is up. */
    public PptpPublishingPair(UnitStatePublisher publisher) {
        this(publisher, WorkUnit.of(5), 1);
    }

    /** The same for the control connection {@code connection} in {@code unit}. */
    public PptpPublishingPair(UnitStatePublisher publisher, WorkUnit unit, long connection) {
        this.unit = unit;
        this.connection = connection;
        publication = new PptpPublicationProbe(publisher, new Counters());
        pair.setUpCall();
        server = pair.serverCalls.values().iterator().next();
        client = pair.clientCalls.values().iterator().next();
        publishExchange();
        publication.call(unit, connection, server.call, server.channel.initialState());
        publication.pppUp(unit, connection, server.call.callId(), server.link.initialState());
        sweep();
    }

    /** Lets {@code time} pass on the pair's clock, delivering what is sent. */
    public void run(Duration time) {
        pair.scheduler.advance(time);
        pair.pump();
    }

    /**
     * For data path benchmarks: GRE packets the server sends and IPv4 packets its link delivers go
     * to {@code sink} (not copied); GRE packets the client sends go straight to the server.
     */
    public void tapDataPath(Consumer<ByteBuffer> sink) {
        serverTap = sink::accept;
        pair.serverTap = serverTap;
        pair.clientTap = gre -> pair.receive(true, gre);
        pair.serverSink = (session, packet) -> sink.accept(packet);
    }

    /**
     * Lets {@code time} pass with the taps off, so that what the timers send (LCP and GRE
     * acknowledgments, Echo) reaches the other end and is answered; the taps are back afterwards.
     */
    public void passTime(Duration time) {
        pair.serverTap = null;
        pair.clientTap = null;
        pair.pump();
        pair.scheduler.advance(time);
        pair.pump();
        pair.serverTap = serverTap;
        pair.clientTap = gre -> pair.receive(true, gre);
    }

    /** The server's link sends {@code ipv4} (MPPE, GRE). */
    public boolean serverSends(ByteBuffer ipv4) {
        return server.link.sendIpv4(ipv4);
    }

    /** The client's link sends {@code ipv4}; with {@link #tapDataPath} the server receives it at once. */
    public boolean clientSends(ByteBuffer ipv4) {
        return client.link.sendIpv4(ipv4);
    }

    /**
     * What the server publishes after a control message exchange, if one happened since the last
     * call (control octets moved either way): the control connection and its TCP connection.
     * Returns whether one had.
     */
    public boolean publishExchange() {
        long octets = pair.controlOctetsFromServer + pair.controlOctetsToServer;
        if (octets == octetsPublished) {
            return false;
        }
        octetsPublished = octets;
        ControlConnection control = pair.serverControl;
        publication.connection(unit, connection, control.initialState().orElseThrow(),
                control.essentialState().orElseThrow());
        publication.tcp(unit, connection, tcp());
        return true;
    }

    /** The server's link sends one 100-octet IPv4 packet to the client (one MPPE coherency count). */
    public void serverSendsPacket() {
        ByteBuffer packet = ByteBuffer.allocate(100).put(0, (byte) 0x45).putShort(2, (short) 100);
        server.link.sendIpv4(packet);
        pair.pump();
    }

    /** The sweep's work for this call: its GRE and MPPE counters, put if they moved. */
    public boolean sweep() {
        return publication.counters(unit, connection, server.call.callId(), server.channel.essentialState(),
                server.link.essentialState());
    }

    private TcpConnectionState tcp() {
        int sent = INITIAL_SEND_SEQUENCE + (int) pair.controlOctetsFromServer;
        int received = INITIAL_RECEIVE_SEQUENCE + (int) pair.controlOctetsToServer;
        int timestamp = (int) (pair.scheduler.nanos() / 1_000_000);
        return new TcpConnectionState(TCP_INITIAL, new TcpConnectionEssentialState(sent, received,
                new TcpRepairWindow(received, 64_240, 64_240, 64_240, received), timestamp, new byte[0], new byte[0]));
    }
}
