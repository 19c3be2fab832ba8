package io.cohort.server.pptp;

import io.cohort.pptp.control.ControlSettings;
import io.cohort.pptp.gre.GreChannelSettings;
import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.PptpSection;

/**
 * Translates {@code [pptp]} and {@code [server]} into the control connection's settings. What the
 * file does not set keeps RFC 2637's values ({@link ControlSettings#DEFAULTS}): receive window 64,
 * processing delay 0, the Stop-Control-Connection-Reply wait of 3.2.1. The Echo-Reply wait equals
 * the echo interval (3.1.4 uses 60 s for both).
 */
final class PptpEngineConfiguration {
    private PptpEngineConfiguration() {
    }

    /**
     * The GRE data channel of every call: acknowledgments as RFC 2637 4.2 says, but the peer's
     * receive window is not enforced on sending. pptp-linux advertises a window of a few packets
     * and acknowledges late, so with enforcement a PPP reply right after a request finds the
     * window full and is dropped ({@code pptp.gre.tx.window_full}); the Linux kernel's PPTP driver
     * does not flow-control its sending either.
     */
    static GreChannelSettings gre() {
        GreChannelSettings d = GreChannelSettings.DEFAULTS;
        return new GreChannelSettings(d.ackDelay(), d.minAckTimeout(), d.maxAckTimeout(), false);
    }

    static ControlSettings control(CohortConfig config) {
        PptpSection p = config.pptp();
        ControlSettings d = ControlSettings.DEFAULTS;
        return new ControlSettings(config.server().hostname(), d.vendor(), d.firmwareRevision(),
                d.framingCapabilities(), d.bearerCapabilities(), p.maxCallsPerConnection(), d.receiveWindow(),
                d.processingDelay(), d.connectSpeed(), p.setupTimeout(), p.echoInterval(), p.echoInterval(),
                d.stopReplyTimeout());
    }
}
