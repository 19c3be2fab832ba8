package io.cohort.ppp.ccp;

import io.cohort.ppp.automaton.AutomatonState;
import io.cohort.ppp.automaton.ExtendedCodes;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import java.util.function.Consumer;

/**
 * CCP's codes beyond 1-7 (RFC 1962 section 3.1) for the {@link io.cohort.ppp.automaton.OptionAutomaton}:
 * Reset-Request and Reset-Ack are classified RXR, so the automaton serves them in Opened only.
 * A Reset-Request resets our compressor (for MPPE: {@code MppeEncryptor.resetRequested()}) and is
 * answered with a Reset-Ack carrying its Identifier ("MUST be transmitted", 3.1, although RFC 3078
 * 8.2 says MPPE synchronises without one). A Reset-Ack is passed on; MPPE's receiver resynchronises
 * on the FLUSHED bit instead, so it needs none.
 */
public final class CcpResetCodes implements ExtendedCodes {
    private final Consumer<ControlPacket> sink;
    private final Runnable resetCompressor;
    private final Consumer<ResetPacket> resetAcked;

    /**
     * @param sink            sends a CCP packet to the peer
     * @param resetCompressor resets our transmit side when the peer asks
     * @param resetAcked      told of each Reset-Ack
     */
    public CcpResetCodes(Consumer<ControlPacket> sink, Runnable resetCompressor, Consumer<ResetPacket> resetAcked) {
        this.sink = sink;
        this.resetCompressor = resetCompressor;
        this.resetAcked = resetAcked;
    }

    @Override
    public Kind classify(ControlPacket packet, AutomatonState state) {
        return ResetPacket.from(packet) instanceof DecodeResult.Ok<ResetPacket> ? Kind.RXR : Kind.UNKNOWN;
    }

    @Override
    public void serve(ControlPacket packet) {
        if (!(ResetPacket.from(packet) instanceof DecodeResult.Ok<ResetPacket> ok)) {
            return;
        }
        ResetPacket reset = ok.value();
        switch (reset.kind()) {
            case RESET_REQUEST -> {
                resetCompressor.run();
                sink.accept(ResetPacket.ackFor(reset).toControlPacket());
            }
            case RESET_ACK -> resetAcked.accept(reset);
        }
    }
}
