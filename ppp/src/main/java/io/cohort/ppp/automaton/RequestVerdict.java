package io.cohort.ppp.automaton;

import io.cohort.ppp.wire.PppOption;
import java.util.List;

/** A protocol's answer to the peer's Configure-Request (RFC 1661 sections 5.2 to 5.4). */
public sealed interface RequestVerdict {
    /** Every option is acceptable: RCR+. */
    record Ack() implements RequestVerdict { }

    /** Some values are unacceptable; {@code options} carries acceptable values: RCR-. */
    record Nak(List<PppOption> options) implements RequestVerdict {
        public Nak {
            options = List.copyOf(options);
        }
    }

    /** Some options are unrecognised or not negotiable; {@code options} echoes them: RCR-. */
    record Reject(List<PppOption> options) implements RequestVerdict {
        public Reject {
            options = List.copyOf(options);
        }
    }

    RequestVerdict ACK = new Ack();
}
