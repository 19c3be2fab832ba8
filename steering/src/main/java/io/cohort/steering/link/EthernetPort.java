package io.cohort.steering.link;

import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import io.cohort.telemetry.RateLimitedLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.RawPacketListener;

/**
 * One pcap handle on the steering interface: captures inbound frames that match a BPF filter
 * on its own thread and sends whole frames. The I/O adapter of this package; everything it
 * captures goes as raw bytes to one {@link Receiver} (pcap4j's per-packet parsing is never
 * used on the capture path).
 *
 * <p>The handle is opened in the calling thread's network namespace, and the capture thread is
 * started from the caller too, so both live where the caller does.
 */
final class EthernetPort implements FrameSender, AutoCloseable {
    /** Receives each captured frame on the capture thread; the array is the receiver's. */
    @FunctionalInterface
    interface Receiver {
        void received(byte[] frame);
    }

    private static final int SNAPLEN = 65_535;
    private static final int BUFFER_BYTES = 8 << 20;
    private static final int READ_TIMEOUT_MILLIS = 50;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final String device;
    private final PcapHandle handle;
    private final RateLimitedLog log;
    private final Counter sent;
    private final Counter sendFailures;
    private final Counter receiverFailures;
    private volatile Thread thread;
    private volatile boolean closing;
    private volatile Exception failure;

    private EthernetPort(String device, PcapHandle handle, String counterPrefix, Counters counters, RateLimitedLog log) {
        this.device = device;
        this.handle = handle;
        this.log = log;
        this.sent = counters.counter(counterPrefix + ".sent");
        this.sendFailures = counters.counter(counterPrefix + ".send_failures");
        this.receiverFailures = counters.counter(counterPrefix + ".receiver_failures");
    }

    /**
     * Opens {@code device} for inbound capture through {@code filter} (pcap filter syntax), in
     * immediate mode so that each frame is handed over as it arrives.
     */
    static EthernetPort open(String device, String filter, Counters counters, RateLimitedLog log) throws IOException {
        return open(device, filter, "steering.port", counters, log);
    }

    /** As {@link #open(String, String, Counters, RateLimitedLog)}, counting under {@code counterPrefix}. */
    static EthernetPort open(String device, String filter, String counterPrefix, Counters counters, RateLimitedLog log)
            throws IOException {
        PcapLibrary.configure();
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(device).snaplen(SNAPLEN).promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MILLIS).immediateMode(true).bufferSize(BUFFER_BYTES)
                    .direction(PcapHandle.PcapDirection.IN).build();
        } catch (PcapNativeException | RuntimeException e) {
            throw new IOException("cannot open pcap on " + device + ": " + e.getMessage(), e);
        }
        try {
            handle.setFilter(filter, BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            handle.close();
            throw new IOException("cannot set the capture filter on " + device + " (" + filter + "): " + e.getMessage(), e);
        }
        return new EthernetPort(device, handle, counterPrefix, counters, log);
    }

    /** Starts capturing into {@code receiver} on a new thread (once). */
    synchronized void start(Receiver receiver) {
        if (thread != null) {
            throw new IllegalStateException("capture on " + device + " already started");
        }
        RawPacketListener listener = frame -> receive(receiver, frame);
        thread = Thread.ofPlatform().daemon().name("steering-capture-" + device).start(() -> capture(listener));
    }

    @Override
    public boolean send(byte[] frame) {
        try {
            handle.sendPacket(frame, frame.length);
            sent.increment();
            return true;
        } catch (PcapNativeException | NotOpenException e) {
            sendFailures.increment();
            log.log(Level.WARNING, "steering.send", "steering: cannot send a %d-byte frame on %s: %s", frame.length,
                    device, e.getMessage());
            return false;
        }
    }

    /** Whether the capture thread is running. */
    boolean isCapturing() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Why the capture stopped on its own, if it did. */
    Optional<Exception> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the capture (pcap_breakloop), waits for the thread and closes the handle. */
    @Override
    public void close() {
        closing = true;
        Thread t = thread;
        if (t != null) {
            try {
                handle.breakLoop();
            } catch (NotOpenException alreadyClosed) {
                // the loop has ended already
            }
            try {
                t.join(STOP_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.log(Level.ERROR, "steering.stop", "steering: the capture on %s did not stop within %s", device,
                        STOP_TIMEOUT);
                return; // closing the handle under a running pcap_loop would crash the JVM
            }
        }
        handle.close();
    }

    private void capture(RawPacketListener listener) {
        try {
            handle.loop(-1, listener);
        } catch (InterruptedException stopped) {
            // pcap_breakloop: close() asked us to stop
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            if (!closing) {
                failure = e;
                log.log(Level.ERROR, "steering.capture", "steering: the capture on %s failed: %s", device, e);
            }
        }
    }

    private void receive(Receiver receiver, byte[] frame) {
        try {
            receiver.received(frame);
        } catch (RuntimeException e) {
            receiverFailures.increment();
            log.log(Level.ERROR, "steering.receiver", "steering: handling a frame captured on %s failed: %s", device, e);
        }
    }
}
