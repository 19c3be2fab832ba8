package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ControlConnection} says about itself and how long it waits. Defaults follow
 * RFC 2637: 60 s to receive the Start-Control-Connection-Request and 60 s of silence before an
 * Echo-Request, 60 s for its Echo-Reply (3.1.4), 60 s for a Stop-Control-Connection-Reply (3.2.1:
 * "If a state transition does not occur within 1 minute ... the ENTIRE CONTROL CONNECTION should
 * be closed").
 *
 * @param hostName              Host Name of our Start-Control-Connection-Reply (2.2)
 * @param vendor                its Vendor String
 * @param firmwareRevision      its Firmware Revision
 * @param framingCapabilities   its Framing Capabilities (1 async, 2 sync; PPTP carries PPP over GRE, both)
 * @param bearerCapabilities    its Bearer Capabilities (1 analog, 2 digital)
 * @param maxCallsPerConnection calls one control connection may hold; more get Do-Not-Accept (2.8 result 7)
 * @param receiveWindow         Packet Recv. Window Size of our Outgoing-Call-Replies (4.2)
 * @param processingDelay       their Packet Processing Delay, in tenths of a second (2.8, 4.4)
 * @param connectSpeed          their Connect Speed, bits per second
 */
public record ControlSettings(String hostName, String vendor, int firmwareRevision, long framingCapabilities,
        long bearerCapabilities, int maxCallsPerConnection, int receiveWindow, int processingDelay,
        long connectSpeed, Duration setupTimeout, Duration echoInterval, Duration echoTimeout,
        Duration stopReplyTimeout) {

    public static final ControlSettings DEFAULTS = new ControlSettings("cohort", "Cohort", 1,
            ControlMessage.ASYNC | ControlMessage.SYNC, ControlMessage.ANALOG | ControlMessage.DIGITAL, 16, 64, 0,
            100_000_000L, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60),
            Duration.ofSeconds(60));

    public ControlSettings {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(vendor, "vendor");
        if (maxCallsPerConnection < 1 || receiveWindow < 1 || receiveWindow > 0xFFFF || processingDelay < 0
                || processingDelay > 0xFFFF) {
            throw new IllegalArgumentException("need 1 <= maxCallsPerConnection, 1 <= receiveWindow <= 65535, "
                    + "0 <= processingDelay <= 65535");
        }
        for (Duration d : new Duration[] {setupTimeout, echoInterval, echoTimeout, stopReplyTimeout}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }

    /** These settings with another per-connection call limit. */
    public ControlSettings withMaxCallsPerConnection(int max) {
        return new ControlSettings(hostName, vendor, firmwareRevision, framingCapabilities, bearerCapabilities, max,
                receiveWindow, processingDelay, connectSpeed, setupTimeout, echoInterval, echoTimeout,
                stopReplyTimeout);
    }
}
