package io.cohort.replication.sim;

import io.cohort.cluster.member.MemberId;
import io.cohort.replication.wire.ReplicationFrame;

/**
 * A simulated TCP connection that {@code opener} opened to {@code acceptor}: state goes one way,
 * barrier acknowledgements the other. A side that closes sends a FIN after what it sent (the
 * other side reads that first) and reads nothing more; a reset loses what was in flight.
 */
final class SimConnection {
    /** What a pipe carries: a frame, or the end of the stream. */
    sealed interface Segment {
        record Data(ReplicationFrame frame) implements Segment { }

        record Fin() implements Segment { }
    }

    private final MemberId opener;
    private final MemberId acceptor;
    private StreamPipe<Segment> toAcceptor;
    private StreamPipe<Segment> toOpener;
    private MemberId deadSide;

    SimConnection(MemberId opener, MemberId acceptor) {
        this.opener = opener;
        this.acceptor = acceptor;
    }

    void pipes(StreamPipe<Segment> towardsAcceptor, StreamPipe<Segment> towardsOpener) {
        this.toAcceptor = towardsAcceptor;
        this.toOpener = towardsOpener;
    }

    MemberId opener() {
        return opener;
    }

    MemberId acceptor() {
        return acceptor;
    }

    StreamPipe<Segment> toAcceptor() {
        return toAcceptor;
    }

    StreamPipe<Segment> toOpener() {
        return toOpener;
    }

    boolean involves(MemberId member) {
        return opener.equals(member) || acceptor.equals(member);
    }

    /** {@code side} closes: a FIN follows what it sent, and it reads nothing more. */
    void close(MemberId side, java.time.Duration latency) {
        outOf(side).send(new Segment.Fin(), latency);
        outOf(side).seal();
        into(side).cut();
    }

    /**
     * {@code side}'s process died: with {@code reset} its kernel resets the connection at once;
     * without (its host went down), nothing more comes from it, and what the other side sends next
     * is answered with a reset once the host is up again ({@link #answerFromRestartedHost}).
     */
    void died(MemberId side, boolean reset, java.time.Duration latency) {
        if (reset) {
            into(side).cut();
            outOf(side).replaceAllBy(new Segment.Fin(), latency);
        } else {
            outOf(side).cut();
            deadSide = side;
        }
    }

    /** The side whose host went down with the connection open, if any. */
    MemberId deadSide() {
        return deadSide;
    }

    /** A segment reached the host of the dead side, up again with a new process: its kernel resets the connection. */
    void answerFromRestartedHost(java.time.Duration latency) {
        into(deadSide).cut();
        outOf(deadSide).replaceAllBy(new Segment.Fin(), latency);
    }

    void kick() {
        toAcceptor.kick();
        toOpener.kick();
    }

    private StreamPipe<Segment> outOf(MemberId side) {
        return side.equals(opener) ? toAcceptor : toOpener;
    }

    private StreamPipe<Segment> into(MemberId side) {
        return side.equals(opener) ? toOpener : toAcceptor;
    }

    @Override
    public String toString() {
        return opener + "->" + acceptor;
    }
}
