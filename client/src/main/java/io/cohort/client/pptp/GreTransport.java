package io.cohort.client.pptp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * How a {@link PptpClient} exchanges enhanced GRE packets (RFC 2637 section 4, IP protocol 47) with
 * the server: packets here are GRE header plus payload, without the IP header. The real one is a
 * raw IPv4 socket (root or CAP_NET_RAW); tests plug in an in-memory wire.
 */
public interface GreTransport extends AutoCloseable {
    /** Sends one GRE packet (position to limit) to the server; called on the client's engine thread. */
    void send(ByteBuffer grePacket);

    /** Stops receiving and releases the socket. */
    @Override
    void close();

    /** Opens a transport to one server. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param receiver takes each GRE packet from {@code server} (IP header removed), on any
         *                 thread; the buffer is the receiver's to keep
         */
        GreTransport open(InetAddress server, Consumer<ByteBuffer> receiver) throws IOException;
    }
}
