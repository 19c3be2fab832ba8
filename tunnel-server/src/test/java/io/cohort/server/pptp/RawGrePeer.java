package io.cohort.server.pptp;

import io.cohort.dataplane.rawip.RawIpReader;
import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.pptp.gre.GreCodec;
import io.cohort.pptp.gre.GreDecodeError;
import io.cohort.pptp.gre.GrePacket;
import io.cohort.telemetry.Counters;
import io.cohort.testbed.Netns;
import io.cohort.wire.DecodeResult;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A hand-made GRE peer (RFC 2637 4.1): a raw socket for IP protocol 47 in a namespace, bound to
 * one of its addresses. It sends whatever octets it is given to the server from that address, and
 * keeps, per Call ID in the key of what the server sends (the peer's Call ID), the last
 * Acknowledgment Number (where the server's receive sequence for that call stands) and the PPP
 * frames.
 */
final class RawGrePeer implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(10);

    private final RawIpSocket socket;
    private final RawIpReader reader;
    private final Inet4Address server;
    private final Map<Integer, Long> acknowledged = new ConcurrentHashMap<>();
    private final Map<Integer, List<byte[]>> frames = new ConcurrentHashMap<>();

    private RawGrePeer(RawIpSocket socket, Inet4Address server) {
        this.socket = socket;
        this.server = server;
        this.reader = RawIpReader.start(socket, (source, gre) -> {
            if (source.equals(server) && GreCodec.decode(gre) instanceof DecodeResult.Decoded<GrePacket, GreDecodeError> d) {
                received(d.value());
            }
        }, new Counters());
    }

    static RawGrePeer open(Netns ns, String local, String server) {
        Inet4Address address = ipv4(local);
        return new RawGrePeer(ns.runInside(() -> RawIpSocket.open(RawIpSocket.IPPROTO_GRE, address)), ipv4(server));
    }

    void send(byte[] packet) throws IOException {
        socket.send(server, ByteBuffer.wrap(packet));
    }

    OptionalLong lastAcknowledged(int peerCallId) {
        Long ack = acknowledged.get(peerCallId);
        return ack == null ? OptionalLong.empty() : OptionalLong.of(ack);
    }

    /**
     * The first PPP packet of {@code protocol} (LCP 0xC021, ...) with code {@code code} the server
     * sent to {@code peerCallId}, without address, control and protocol fields: code, identifier,
     * length, data (RFC 1661 5); empty if none came within {@code timeout}.
     */
    Optional<byte[]> awaitPacket(int peerCallId, int protocol, int code, Duration timeout) {
        try {
            return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> firstPacket(peerCallId, protocol, code), Optional::isPresent);
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
    }

    private Optional<byte[]> firstPacket(int peerCallId, int protocol, int code) {
        for (byte[] frame : frames.getOrDefault(peerCallId, List.of())) {
            int at = frame.length >= 2 && (frame[0] & 0xFF) == 0xFF && frame[1] == 0x03 ? 2 : 0;
            int p;
            if (frame.length > at && (frame[at] & 0x01) != 0) { // protocol field compressed (RFC 1661 6.5)
                p = frame[at] & 0xFF;
                at += 1;
            } else if (frame.length >= at + 2) {
                p = ((frame[at] & 0xFF) << 8) | (frame[at + 1] & 0xFF);
                at += 2;
            } else {
                continue;
            }
            if (p == protocol && frame.length > at && (frame[at] & 0xFF) == code) {
                return Optional.of(Arrays.copyOfRange(frame, at, frame.length));
            }
        }
        return Optional.empty();
    }

    private void received(GrePacket packet) {
        int callId = packet.header().callId();
        packet.header().acknowledgmentNumber().ifPresent(ack -> acknowledged.put(callId, ack));
        ByteBuffer payload = packet.payload();
        if (payload.hasRemaining()) {
            byte[] frame = new byte[payload.remaining()];
            payload.duplicate().get(frame);
            frames.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>()).add(frame);
        }
    }

    @Override
    public void close() throws InterruptedException {
        reader.close();
    }

    private static Inet4Address ipv4(String address) {
        try {
            return (Inet4Address) InetAddress.getByName(address);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
