package io.cohort.client.pptp;

import io.cohort.dataplane.rawip.RawIpReader;
import io.cohort.dataplane.rawip.RawIpSocket;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * One raw GRE socket ({@link RawIpSocket}; root or CAP_NET_RAW) shared by the {@code n} clients of
 * a load generator. The kernel hands every GRE datagram of the host to every raw GRE socket, so n
 * clients with a socket each would copy each packet n times, and under a burst of set-ups their
 * receive buffers overflow (lost LCP and CCP packets cost 3 s restarts, or the call). Client
 * {@code i} assigns only the Call IDs in {@link #callIds(int)} ({@code id % n == i}), so the key
 * of a packet from the server names its client. Counters: {@code pptp.client.gre.rx.other_source},
 * {@code rx.no_client}, {@code rx.truncated}, {@code tx.socket_full}, {@code tx.error}.
 */
public final class SharedRawGreSocket implements AutoCloseable {
    private static final int SOCKET_BUFFER = 4 << 20;

    private final Inet4Address server;
    private final RawIpSocket socket;
    private final AtomicReferenceArray<Consumer<ByteBuffer>> receivers;
    private final Counters counters;
    private final RawIpReader reader;

    private SharedRawGreSocket(Inet4Address server, RawIpSocket socket, int clients, Counters counters) {
        this.server = server;
        this.socket = socket;
        this.receivers = new AtomicReferenceArray<>(clients);
        this.counters = counters;
        this.reader = RawIpReader.start(socket, this::received, counters);
    }

    /** Opens the socket (in the calling thread's network namespace) for {@code clients} clients of {@code server}. */
    public static SharedRawGreSocket open(InetAddress server, int clients, Counters counters) throws IOException {
        if (!(server instanceof Inet4Address v4)) {
            throw new IOException("PPTP's GRE runs over IPv4; " + server + " is not an IPv4 address");
        }
        if (clients < 1 || clients > 0xFFFF) {
            throw new IllegalArgumentException("1 to 65535 clients");
        }
        RawIpSocket socket = RawIpSocket.open(RawIpSocket.IPPROTO_GRE,
                (Inet4Address) InetAddress.getByAddress(new byte[4]));
        try {
            socket.setBuffers(SOCKET_BUFFER); // many clients' packets share it; the default overflows in bursts
            return new SharedRawGreSocket(v4, socket, clients, counters);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The Call IDs client {@code i} may assign. */
    public IntPredicate callIds(int client) {
        int n = receivers.length();
        return id -> id % n == client;
    }

    /** The transport of client {@code i}, to open it with (together with {@link #callIds(int)}). */
    public GreTransport.Factory factory(int client) {
        return (to, receiver) -> {
            if (!server.equals(to)) {
                throw new IOException("this socket serves " + server.getHostAddress() + ", not " + to);
            }
            if (!receivers.compareAndSet(client, null, receiver)) {
                throw new IllegalStateException("client " + client + " already has a transport");
            }
            return new GreTransport() {
                @Override public void send(ByteBuffer grePacket) {
                    try {
                        if (!socket.send(server, grePacket)) {
                            count("tx.socket_full");
                        }
                    } catch (IOException e) {
                        count("tx.error");
                    }
                }

                @Override public void close() {
                    receivers.set(client, null);
                }
            };
        };
    }

    /** Reader thread: to the client whose Call IDs hold the key (RFC 2637 4.1: its low half). */
    private void received(Inet4Address source, ByteBuffer gre) {
        if (!source.equals(server)) {
            count("rx.other_source");
        } else if (gre.remaining() < 8) {
            count("rx.truncated");
        } else {
            Consumer<ByteBuffer> r = receivers.get(gre.getChar(gre.position() + 6) % receivers.length());
            if (r == null) {
                count("rx.no_client");
            } else {
                r.accept(ByteBuffer.allocate(gre.remaining()).put(gre).flip());
            }
        }
    }

    private void count(String what) {
        counters.counter("pptp.client.gre." + what).increment();
    }

    /** Stops reading and closes the socket; close the clients first. */
    @Override
    public void close() {
        reader.close();
    }
}
