package io.cohort.client.pptp;

import io.cohort.dataplane.rawip.RawIpReader;
import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * GRE over a raw IPv4 socket for IP protocol 47 ({@link RawIpSocket}; root or CAP_NET_RAW). The
 * kernel delivers every GRE datagram of the host to every such socket, so only those from the
 * server are passed on ({@code pptp.client.gre.rx.other_source} counts the rest); the client then
 * picks its calls by the Call ID in the key. Sends that find the socket buffer full are dropped
 * and counted, as any lost datagram (RFC 2637 4.3).
 */
final class RawGreTransport implements GreTransport {
    private final RawIpSocket socket;
    private final RawIpReader reader;
    private final Inet4Address server;
    private final Counters counters;

    private RawGreTransport(RawIpSocket socket, Inet4Address server, Consumer<ByteBuffer> receiver,
                            Counters counters) {
        this.socket = socket;
        this.server = server;
        this.counters = counters;
        this.reader = RawIpReader.start(socket, (source, payload) -> {
            if (source.equals(server)) {
                receiver.accept(ByteBuffer.allocate(payload.remaining()).put(payload).flip());
            } else {
                counters.counter("pptp.client.gre.rx.other_source").increment();
            }
        }, counters);
    }

    /** A factory whose transports count into {@code counters}. */
    static Factory factory(Counters counters) {
        return (server, receiver) -> {
            if (!(server instanceof Inet4Address v4)) {
                throw new IOException("PPTP's GRE runs over IPv4; " + server + " is not an IPv4 address");
            }
            RawIpSocket socket = RawIpSocket.open(RawIpSocket.IPPROTO_GRE, anyAddress());
            return new RawGreTransport(socket, v4, receiver, counters);
        };
    }

    private static Inet4Address anyAddress() throws IOException {
        return (Inet4Address) InetAddress.getByAddress(new byte[4]);
    }

    @Override
    public void send(ByteBuffer grePacket) {
        try {
            if (!socket.send(server, grePacket)) {
                counters.counter("pptp.client.gre.tx.socket_full").increment();
            }
        } catch (IOException e) {
            counters.counter("pptp.client.gre.tx.error").increment();
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
