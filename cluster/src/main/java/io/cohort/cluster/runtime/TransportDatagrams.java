package io.cohort.cluster.runtime;

import io.cohort.cluster.link.Datagrams;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.transport.ClusterTransport;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/** A {@link Datagrams} on the UDP {@link ClusterTransport} (opened after the link that uses it). */
final class TransportDatagrams implements Datagrams {
    private final Supplier<ClusterTransport> transport;

    TransportDatagrams(Supplier<ClusterTransport> transport) {
        this.transport = transport;
    }

    @Override
    public void send(MemberAddress to, byte[] datagram) {
        transport.get().send(new InetSocketAddress(to.ip(), to.port()), datagram);
    }

    @Override
    public void broadcast(byte[] datagram) {
        transport.get().broadcast(datagram);
    }
}
