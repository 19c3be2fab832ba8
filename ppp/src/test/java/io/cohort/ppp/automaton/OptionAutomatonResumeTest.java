package io.cohort.ppp.automaton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.ppp.wire.ControlPacket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link OptionAutomaton#resumeOpened()}: a rebuilt link's automaton is Opened at once, silently
 * (patent, figure 7), and then behaves as an Opened automaton does (RFC 1661 4.1).
 */
class OptionAutomatonResumeTest {
    @Test
    void resumesOpenedWithoutAnActionOrAPacket() {
        RecordingProtocol p = new RecordingProtocol();

        p.automaton.resumeOpened();
        p.scheduler.advance(Duration.ofMinutes(1));

        assertThat(p.automaton.state()).isEqualTo(AutomatonState.OPENED);
        assertThat(p.actions).isEmpty();
        assertThat(p.sent).isEmpty();
    }

    @Test
    void aResumedAutomatonServesEchoesAndRenegotiatesOnRequest() {
        RecordingProtocol p = new RecordingProtocol();
        p.automaton.resumeOpened();

        p.automaton.receive(new ControlPacket(RecordingProtocol.ECHO, 1, new byte[4]));
        p.automaton.receive(RecordingProtocol.goodRequest());

        // RFC 1661 4.1, Opened: RXR -> ser; RCR+ -> tld/scr/sca, Ack-Sent
        assertThat(p.actions).containsExactly("ser", "tld", "scr", "sca");
        assertThat(p.automaton.state()).isEqualTo(AutomatonState.ACK_SENT);
    }

    @Test
    void onlyAFreshAutomatonResumes() {
        RecordingProtocol p = new RecordingProtocol();
        p.automaton.up();
        p.automaton.open();

        assertThatThrownBy(p.automaton::resumeOpened).isInstanceOf(IllegalStateException.class);
    }
}
