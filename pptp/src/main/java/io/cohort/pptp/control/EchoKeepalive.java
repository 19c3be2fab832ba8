package io.cohort.pptp.control;

import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The keepalive of an established control connection (RFC 2637 3.1.4 item 2), for either end: "if
 * a peer's control connection is in the established state and has not received a control message
 * for 60 seconds, it SHOULD send a Echo-Request message. If an Echo-Reply is not received 60
 * seconds after the Echo-Request message transmission, the control connection SHOULD be closed."
 * One timer, re-armed lazily: a received message only records the time, and the timer, when it
 * fires early, waits for the rest of the interval. Identifiers count up from 1 (2.5 leaves them to
 * the sender). Used on the connection's thread.
 */
final class EchoKeepalive {
    private final Scheduler scheduler;
    private final Duration interval;
    private final Duration timeout;
    private final LongConsumer sendRequest;
    private final Runnable timedOut;

    private Timer timer = Timer.NONE;
    private boolean running;
    private long lastReceivedNanos;
    private boolean outstanding;
    private long identifier;
    private long sentNanos;

    /**
     * @param sendRequest sends an Echo-Request with the given identifier
     * @param timedOut    runs once when an Echo-Request went unanswered for {@code timeout}
     */
    EchoKeepalive(Scheduler scheduler, Duration interval, Duration timeout, LongConsumer sendRequest,
                  Runnable timedOut) {
        this.scheduler = scheduler;
        this.interval = interval;
        this.timeout = timeout;
        this.sendRequest = sendRequest;
        this.timedOut = timedOut;
    }

    /** The connection is established: the silence starts counting now. */
    void start() {
        running = true;
        lastReceivedNanos = scheduler.nanos();
        rearm(interval);
    }

    /**
     * Resumes a replicated keepalive (see {@link ControlConnectionEssentialState}): identifiers go
     * on after {@code lastIdentifier}; an outstanding request's time-out, and otherwise the silence,
     * count from now.
     */
    void resume(long lastIdentifier, boolean requestOutstanding) {
        identifier = lastIdentifier;
        outstanding = requestOutstanding;
        sentNanos = scheduler.nanos();
        start();
        if (outstanding) {
            rearm(timeout);
        }
    }

    /** The identifier of the last Echo-Request sent (0: none yet). */
    long lastIdentifier() {
        return identifier;
    }

    /** Whether the last Echo-Request awaits its reply. */
    boolean outstanding() {
        return outstanding;
    }

    /** Any message arrived from the peer. */
    void received() {
        lastReceivedNanos = scheduler.nanos();
    }

    /** An Echo-Reply arrived; false (and nothing changes) if it answers no request of ours. */
    boolean answered(long replyIdentifier) {
        if (outstanding && replyIdentifier == identifier) {
            outstanding = false;
            return true;
        }
        return false;
    }

    void stop() {
        running = false;
        timer.cancel();
        timer = Timer.NONE;
    }

    private void fire() {
        if (!running) {
            return;
        }
        long now = scheduler.nanos();
        if (outstanding) {
            long waited = now - sentNanos;
            if (waited >= timeout.toNanos()) {
                stop();
                timedOut.run();
            } else {
                rearm(timeout.minusNanos(waited));
            }
            return;
        }
        long idle = now - lastReceivedNanos;
        if (idle < interval.toNanos()) {
            rearm(interval.minusNanos(idle));
            return;
        }
        identifier = (identifier + 1) & 0xFFFF_FFFFL;
        outstanding = true;
        sentNanos = now;
        sendRequest.accept(identifier);
        rearm(timeout);
    }

    private void rearm(Duration delay) {
        timer.cancel();
        timer = scheduler.schedule(delay, this::fire);
    }
}
