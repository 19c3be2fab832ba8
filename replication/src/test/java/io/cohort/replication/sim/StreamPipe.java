package io.cohort.replication.sim;

import io.cohort.time.Timer;
import io.cohort.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One direction of a simulated TCP connection: segments arrive in the order sent, each after its
 * latency, and only while the ends can reach each other and the receiving process runs. What
 * cannot pass waits and is delivered once it can (TCP retransmits across a partition; a stopped
 * process's socket buffer holds what arrived), unless the pipe is cut first.
 */
final class StreamPipe<T> {
    private record Pending<T>(T segment, long due) {}

    private final VirtualScheduler clock;
    private final BooleanSupplier passable;
    private final Consumer<T> receiver;
    private final ArrayDeque<Pending<T>> queue = new ArrayDeque<>();
    private Runnable drained = () -> { };
    private Timer pump = Timer.NONE;
    private long lastDue;
    private boolean cut; // nothing is delivered any more
    private boolean sealed; // nothing more is sent

    StreamPipe(VirtualScheduler clock, BooleanSupplier passable, Consumer<T> receiver) {
        this.clock = clock;
        this.passable = passable;
        this.receiver = receiver;
    }

    /** Runs after each delivery that left the pipe empty (the sender's buffer drained). */
    void onDrained(Runnable next) {
        drained = next;
    }

    void send(T segment, Duration latency) {
        if (cut || sealed) {
            return;
        }
        lastDue = Math.max(lastDue, clock.nanos() + latency.toNanos());
        queue.add(new Pending<>(segment, lastDue));
        if (!pump.isPending()) {
            arm();
        }
    }

    /** Segments sent and not delivered yet. */
    int inFlight() {
        return queue.size();
    }

    /** Nothing more passes: what is in flight is lost (a reset, a dead host). */
    void cut() {
        cut = true;
        queue.clear();
        pump.cancel();
    }

    /** Nothing more is sent; what is in flight still arrives. */
    void seal() {
        sealed = true;
    }

    /**
     * What was in flight is lost and only {@code last} follows (a reset), then nothing more; also
     * on a pipe cut before (a reset from the kernel of a host whose process died).
     */
    void replaceAllBy(T last, Duration latency) {
        queue.clear();
        pump.cancel();
        cut = false;
        sealed = false;
        send(last, latency);
        sealed = true;
    }

    /** The ends may reach each other again: what waited is delivered now. */
    void kick() {
        if (!cut && !pump.isPending()) {
            arm();
        }
    }

    private void arm() {
        Pending<T> head = queue.peek();
        if (head != null && !cut) {
            pump = clock.schedule(Duration.ofNanos(Math.max(0, head.due() - clock.nanos())), this::deliver);
        }
    }

    private void deliver() {
        boolean delivered = false;
        while (!cut && !queue.isEmpty() && queue.peek().due() <= clock.nanos()) {
            if (!passable.getAsBoolean()) {
                return; // kicked when it can pass again
            }
            receiver.accept(queue.poll().segment());
            delivered = true;
        }
        if (delivered && queue.isEmpty() && !cut) {
            drained.run();
        }
        arm();
    }
}
