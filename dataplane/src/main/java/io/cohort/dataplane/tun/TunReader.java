package io.cohort.dataplane.tun;

import io.cohort.dataplane.reader.PacketReader;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One platform thread per TUN device reading packets into a reused direct buffer and handing
 * each to a consumer ({@link PacketReader}). The buffer is only valid during the call: the
 * consumer copies what it keeps. A consumer exception is counted ({@code tun.rx.consumer-errors})
 * and the loop goes on; a read error is counted ({@code tun.rx.errors}), kept in
 * {@link #failure()} and ends the loop. The loop ends when the device is closed; {@link #close()}
 * closes the device and waits.
 */
public final class TunReader implements AutoCloseable {
    /** Larger than any packet a TUN with MTU ≤ 65535 delivers. */
    static final int BUFFER_SIZE = 65536;

    private final TunDevice device;
    private final PacketReader reader;

    private TunReader(TunDevice device, PacketReader reader) {
        this.device = device;
        this.reader = reader;
    }

    /** Starts reading {@code device} on a new thread, counting into {@code counters}. */
    public static TunReader start(TunDevice device, Consumer<ByteBuffer> consumer, Counters counters) {
        return new TunReader(device, PacketReader.start("tun-reader-" + device.name(), device::read, BUFFER_SIZE,
                consumer, counters, "tun.rx."));
    }

    /** Whether the reading thread is still running. */
    public boolean isRunning() {
        return reader.isRunning();
    }

    /** The read error that stopped the loop, if any. */
    public Optional<IOException> failure() {
        return reader.failure();
    }

    /** Closes the device, which ends the loop, and waits for the thread to finish. */
    @Override
    public void close() throws InterruptedException {
        device.close();
        reader.join();
    }
}
