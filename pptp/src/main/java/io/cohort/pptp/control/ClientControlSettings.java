package io.cohort.pptp.control;

import io.cohort.pptp.wire.ControlMessage;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ClientControlConnection} says about itself, what its Outgoing-Call-Requests ask
 * for, and how long it waits. Timer defaults follow RFC 2637: 60 s for the
 * Start-Control-Connection-Reply (3.1.4 item 1), 60 s of silence before an Echo-Request and 60 s
 * for its Echo-Reply (3.1.4 item 2), and 60 s for any other awaited reply (Outgoing-Call-Reply,
 * the Call-Disconnect-Notify answering a Call-Clear-Request, the Stop-Control-Connection-Reply):
 * "If an expected reply does not arrive within 60 seconds, the control connection is closed" (3).
 *
 * @param hostName            Host Name of our Start-Control-Connection-Request (2.1)
 * @param vendor              its Vendor String
 * @param firmwareRevision    its Firmware Revision
 * @param framingCapabilities its Framing Capabilities (1 async, 2 sync)
 * @param bearerCapabilities  its Bearer Capabilities (1 analog, 2 digital)
 * @param minimumBps          Minimum BPS of our Outgoing-Call-Requests (2.7)
 * @param maximumBps          their Maximum BPS
 * @param bearerType          their Bearer Type (1 analog, 2 digital, 3 any)
 * @param framingType         their Framing Type (1 async, 2 sync, 3 any)
 * @param receiveWindow       their Packet Recv. Window Size (4.2)
 * @param processingDelay     their Packet Processing Delay, tenths of a second (2.7, 4.4)
 * @param phoneNumber         their Phone Number; empty for a VPN, which dials nothing
 * @param replyTimeout        how long any awaited reply may take
 */
public record ClientControlSettings(String hostName, String vendor, int firmwareRevision, long framingCapabilities,
        long bearerCapabilities, long minimumBps, long maximumBps, long bearerType, long framingType,
        int receiveWindow, int processingDelay, String phoneNumber, Duration replyTimeout, Duration echoInterval,
        Duration echoTimeout) {

    public static final ClientControlSettings DEFAULTS = new ClientControlSettings("cohort-client", "Cohort", 1,
            ControlMessage.ASYNC | ControlMessage.SYNC, ControlMessage.ANALOG | ControlMessage.DIGITAL, 300,
            100_000_000L, ControlMessage.ANALOG | ControlMessage.DIGITAL, ControlMessage.ASYNC | ControlMessage.SYNC,
            64, 0, "", Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));

    public ClientControlSettings {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        if (receiveWindow < 1 || receiveWindow > 0xFFFF || processingDelay < 0 || processingDelay > 0xFFFF
                || minimumBps < 0 || maximumBps < minimumBps || maximumBps > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("need 1 <= receiveWindow <= 65535, 0 <= processingDelay <= 65535, "
                    + "0 <= minimumBps <= maximumBps < 2^32");
        }
        if (phoneNumber.length() > ControlMessage.TEXT_FIELD_LENGTH) {
            throw new IllegalArgumentException("phone number longer than 64 octets");
        }
        for (Duration d : new Duration[] {replyTimeout, echoInterval, echoTimeout}) {
            if (!d.isPositive()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
    }

    /** These settings with another host name, e.g. the machine's. */
    public ClientControlSettings withHostName(String name) {
        return new ClientControlSettings(name, vendor, firmwareRevision, framingCapabilities, bearerCapabilities,
                minimumBps, maximumBps, bearerType, framingType, receiveWindow, processingDelay, phoneNumber,
                replyTimeout, echoInterval, echoTimeout);
    }

    /** These settings with another reply timeout (every awaited reply but the Echo-Reply). */
    public ClientControlSettings withReplyTimeout(Duration timeout) {
        return new ClientControlSettings(hostName, vendor, firmwareRevision, framingCapabilities, bearerCapabilities,
                minimumBps, maximumBps, bearerType, framingType, receiveWindow, processingDelay, phoneNumber,
                timeout, echoInterval, echoTimeout);
    }
}
