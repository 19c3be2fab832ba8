package io.cohort.cluster.transport;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Executor;

/** Receives the datagrams of a {@link ClusterTransport}: the sender's address and a copy of the bytes. */
@FunctionalInterface
public interface DatagramReceiver {

    /** Called on the transport's event loop, one datagram at a time; {@code datagram} is the receiver's to keep. */
    void received(InetSocketAddress source, byte[] datagram);

    /** A receiver that hands each datagram to {@code receiver} on {@code executor} instead of the event loop. */
    static DatagramReceiver on(Executor executor, DatagramReceiver receiver) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(receiver, "receiver");
        return (source, datagram) -> executor.execute(() -> receiver.received(source, datagram));
    }
}
