package io.cohort.pptp.gre;

import java.time.Duration;
import java.util.Objects;

/**
 * The initial state of a {@link GreChannel} (the patent's figure 7, "Initial State", sent once):
 * what the call's set-up fixed for its data channel and never changes afterwards. About 16
 * octets per call.
 *
 * @param peerCallId                the Call ID the peer assigned; every packet we send carries it (4.1)
 * @param peerReceiveWindow         the peer's Packet Recv. Window Size (4.2; 0: no flow control)
 * @param peerPacketProcessingDelay the peer's Packet Processing Delay, which seeds the RTT (4.4)
 * @param ourReceiveWindow          the Packet Recv. Window Size we advertised (at least 1)
 */
public record GreChannelInitialState(int peerCallId, int peerReceiveWindow, Duration peerPacketProcessingDelay,
        int ourReceiveWindow) {

    public GreChannelInitialState {
        Objects.requireNonNull(peerPacketProcessingDelay, "peerPacketProcessingDelay");
        if (peerCallId < 0 || peerCallId > 0xFFFF || peerReceiveWindow < 0 || peerReceiveWindow > 0xFFFF
                || ourReceiveWindow < 1 || ourReceiveWindow > 0xFFFF || peerPacketProcessingDelay.isNegative()) {
            throw new IllegalArgumentException("call ID and windows are 16-bit, our window at least 1, "
                    + "the delay not negative");
        }
    }
}
