package io.cohort.ppp.automaton;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.wire.PppOption;
import java.util.List;

/** A table row's expected answer to the peer's Configure-Request (RFC 1661 5.2 to 5.4). */
public enum ExpectedVerdict {
    ACK, NAK, REJECT;

    /** Asserts the verdict; for Nak and Reject, with exactly these options in this order. */
    public void assertMatches(RequestVerdict verdict, List<PppOption> options) {
        switch (this) {
            case ACK -> assertThat(verdict).isInstanceOf(RequestVerdict.Ack.class);
            case NAK -> assertThat(verdict).isEqualTo(new RequestVerdict.Nak(options));
            case REJECT -> assertThat(verdict).isEqualTo(new RequestVerdict.Reject(options));
        }
    }
}
