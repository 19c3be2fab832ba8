package io.cohort.pptp.control;

import java.time.Duration;

/**
 * One call's set-up values, fixed once the Outgoing-Call-Reply is sent: the call's initial state
 * (the patent's figure 7, sent once; what changes afterwards is its
 * {@link PptpCallEssentialState}), and what the GRE data channel
 * ({@code io.cohort.pptp.gre.GreChannel}) needs. About 22 octets.
 *
 * @param callId                  our Call ID: the peer puts it in the GRE key of packets to us
 * @param peerCallId              the peer's Call ID: we put it in the GRE key of packets we send
 * @param peerReceiveWindow       the peer's Packet Recv. Window Size (4.2)
 * @param peerProcessingDelay     the peer's Packet Processing Delay (sent in tenths of a second)
 * @param receiveWindow           the Packet Recv. Window Size we advertised in the Outgoing-Call-Reply
 * @param callSerialNumber        the peer's serial number, for logs (2.7)
 * @param connectSpeed            the speed we reported
 */
public record PptpCall(int callId, int peerCallId, int peerReceiveWindow, Duration peerProcessingDelay,
        int receiveWindow, int callSerialNumber, long connectSpeed) {

    /** Packet Processing Delay fields count tenths of a second (2.7, 2.8). */
    public static Duration processingDelay(int tenths) {
        return Duration.ofMillis(100L * tenths);
    }
}
