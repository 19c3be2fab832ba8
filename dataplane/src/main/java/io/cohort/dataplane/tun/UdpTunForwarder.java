package io.cohort.dataplane.tun;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;

/**
 * The performance baseline "plain UDP→TUN forwarding loop": one platform thread receives
 * datagrams on a blocking channel into a reused direct buffer and writes each payload, as is, as
 * one IP packet into a TUN device. No protocol work at all, so it bounds what the L2TP data path
 * can reach on the same host. Counters: {@code forwarder.packets}, {@code forwarder.bytes},
 * {@code forwarder.errors} (a payload the TUN refused; the loop goes on).
 */
public final class UdpTunForwarder implements AutoCloseable {
    private final DatagramChannel channel;
    private final TunDevice tun;
    private final Counter packets;
    private final Counter bytes;
    private final Counter errors;
    private final Thread thread;
    private volatile IOException failure;

    private UdpTunForwarder(DatagramChannel channel, TunDevice tun, Counters counters) {
        this.channel = channel;
        this.tun = tun;
        this.packets = counters.counter("forwarder.packets");
        this.bytes = counters.counter("forwarder.bytes");
        this.errors = counters.counter("forwarder.errors");
        this.thread = Thread.ofPlatform().name("udp-to-" + tun.name()).daemon().unstarted(this::loop);
    }

    /** Starts forwarding from the bound, blocking {@code channel} into {@code tun}. */
    public static UdpTunForwarder start(DatagramChannel channel, TunDevice tun, Counters counters) {
        if (!channel.isBlocking()) {
            throw new IllegalArgumentException("the forwarder needs a blocking channel");
        }
        UdpTunForwarder forwarder = new UdpTunForwarder(channel, tun, counters);
        forwarder.thread.start();
        return forwarder;
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(TunReader.BUFFER_SIZE);
        while (true) {
            buffer.clear();
            try {
                channel.receive(buffer);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                failure = e;
                return;
            }
            buffer.flip();
            int length = buffer.remaining();
            try {
                tun.write(buffer);
                packets.increment();
                bytes.add(length);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                errors.increment();
            }
        }
    }

    /** The receive error that stopped the loop, if any (closing is not an error). */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Closes the channel (not the TUN), which ends the loop, and waits for the thread. */
    @Override
    public void close() throws IOException, InterruptedException {
        channel.close();
        thread.join();
    }
}
