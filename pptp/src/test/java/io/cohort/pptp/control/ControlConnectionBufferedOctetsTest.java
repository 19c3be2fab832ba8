package io.cohort.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlMessageType;
import io.cohort.pptp.wire.PptpCodec;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** What a control connection holds of a message not yet whole: the TCP replica waits for 0 (1.4). */
class ControlConnectionBufferedOctetsTest {
    @Test
    void countsTheOctetsOfAPartialMessageUntilItCompletes() {
        ScriptedPns p = new ScriptedPns();
        p.established();
        ByteBuffer echo = PptpCodec.encode(new ControlMessage.EchoRequest(7));
        int length = echo.remaining();
        assertThat(p.connection.bufferedOctets()).isZero();

        p.connection.receive(echo.slice(0, 5));
        assertThat(p.connection.bufferedOctets()).isEqualTo(5);
        assertThat(p.sent).isEmpty();

        p.connection.receive(echo.slice(5, length - 5));
        assertThat(p.connection.bufferedOctets()).isZero();
        assertThat(p.sentTypes()).containsExactly(ControlMessageType.ECHO_REPLY);
    }
}
