package io.cohort.steering.kernel;

import io.cohort.testbed.Netns;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens TCP connections from chosen client endpoints to the cluster address in parallel
 * (non-blocking connects) and records which the client saw complete, which were refused (an
 * RST) and which the server's listening socket accepted. The last connect is a sentinel from an
 * owned endpoint: when it completes, the server has handled every earlier SYN.
 */
final class TcpProbe implements AutoCloseable {
    /** How a connect ended. */
    enum Outcome { CONNECTED, REFUSED, PENDING }

    /** What the client and the server saw. */
    record Result(Map<Endpoint, Outcome> client, Set<Endpoint> accepted) {}

    private final ServerSocketChannel listener;
    private final Set<Endpoint> accepted = ConcurrentHashMap.newKeySet();
    private final List<SocketChannel> open = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> sentinelAccepted = new CompletableFuture<>();
    private volatile Endpoint sentinel;
    private final Thread acceptor;

    TcpProbe(Netns server, int port) {
        this.listener = server.runInside(() -> {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            return channel.bind(new InetSocketAddress(SteeringNetwork.CLUSTER, port), 4096);
        });
        acceptor = Thread.ofPlatform().daemon().name("tcp-probe").start(this::accept);
    }

    Result connect(Netns client, List<Endpoint> from, Endpoint sentinel, int port) throws IOException {
        InetSocketAddress target = new InetSocketAddress(SteeringNetwork.CLUSTER, port);
        this.sentinel = sentinel;
        Map<Endpoint, Outcome> outcomes = new HashMap<>();
        Selector selector = Selector.open();
        try (selector) {
            List<Endpoint> all = new ArrayList<>(from);
            all.add(sentinel);
            for (Endpoint endpoint : all) {
                SocketChannel channel = client.runInside(() -> {
                    SocketChannel c = SocketChannel.open();
                    c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    c.configureBlocking(false);
                    c.bind(endpoint.socketAddress());
                    c.connect(target);
                    return c;
                });
                open.add(channel);
                channel.register(selector, SelectionKey.OP_CONNECT, endpoint);
                outcomes.put(endpoint, Outcome.PENDING);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (outcomes.get(sentinel) == Outcome.PENDING && System.nanoTime() < deadline) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Endpoint endpoint = (Endpoint) key.attachment();
                    try {
                        ((SocketChannel) key.channel()).finishConnect();
                        outcomes.put(endpoint, Outcome.CONNECTED);
                    } catch (ConnectException refused) {
                        outcomes.put(endpoint, Outcome.REFUSED);
                    }
                    key.cancel();
                }
                selector.selectedKeys().clear();
            }
            if (outcomes.get(sentinel) != Outcome.CONNECTED) {
                throw new AssertionError("the sentinel connection from " + sentinel + " did not complete");
            }
            try {
                sentinelAccepted.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new AssertionError("the server did not accept the sentinel connection from " + sentinel, e);
            }
        }
        outcomes.remove(sentinel);
        Set<Endpoint> acceptedNow = new java.util.HashSet<>(accepted);
        acceptedNow.remove(sentinel);
        return new Result(outcomes, acceptedNow);
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel channel = listener.accept();
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                Endpoint endpoint = new Endpoint((java.net.Inet4Address) remote.getAddress(), remote.getPort());
                accepted.add(endpoint);
                open.add(channel);
                if (endpoint.equals(sentinel)) {
                    sentinelAccepted.complete(null);
                }
            }
        } catch (IOException closed) {
            // the probe is closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            // the port is released only when the thread blocked in accept() has left it: a probe
            // opened right after on the same port would otherwise find it still bound
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (open) {
            for (SocketChannel channel : open) {
                channel.close();
            }
        }
    }
}
