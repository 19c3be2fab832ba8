package io.cohort.pptp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.ControlMessage.*;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every control message of RFC 2637 section 2 against octets written from the section's layouts
 * (src/test/resources/wire/*.hex, one field per commented line): decode gives the record, encode
 * gives the same octets.
 */
class ControlMessageGoldenTest {

    static Stream<Arguments> goldens() {
        return Stream.of(
                Arguments.of("sccrq.hex", new StartControlConnectionRequest(0x0100, 3, 3, 0, 1, "local", "cananian")),
                Arguments.of("sccrp.hex", new StartControlConnectionReply(0x0100, 1, 0, 1, 1, 1000, 0x0100, "cohort",
                        "Cohort")),
                Arguments.of("stopccrq.hex", new StopControlConnectionRequest(3)),
                Arguments.of("stopccrp.hex", new StopControlConnectionReply(2, 4)),
                Arguments.of("echorq.hex", new EchoRequest(0xDEADBEEFL)),
                Arguments.of("echorp.hex", new EchoReply(0xDEADBEEFL, 1, 0)),
                Arguments.of("ocrq.hex", new OutgoingCallRequest(0x1234, 7, 2400, 10_000_000, 3, 3, 64, 0, 7, "5551234",
                        "")),
                Arguments.of("ocrp.hex", new OutgoingCallReply(0xBEEF, 0x1234, 1, 0, 0, 100_000_000, 32, 10, 0)),
                Arguments.of("icrq.hex", new IncomingCallRequest(0x42, 0x101, 2, 9, 3, 10, "100", "0123456789", "ext 5")),
                Arguments.of("icrp.hex", new IncomingCallReply(7, 0x42, 1, 0, 16, 5)),
                Arguments.of("iccn.hex", new IncomingCallConnected(7, 64000, 8, 20, 2)),
                Arguments.of("ccrq.hex", new CallClearRequest(0x1234)),
                Arguments.of("cdn.hex", new CallDisconnectNotify(0xBEEF, 4, 0, 16, "rx 10 tx 12")),
                Arguments.of("wen.hex", new WanErrorNotify(0x1234, 1, 2, 3, 4, 5, 6)),
                Arguments.of("sli.hex", new SetLinkInfo(0xBEEF, 0xFFFF_FFFFL, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodesTheGoldenOctets(String file, ControlMessage expected) {
        ByteBuffer in = ByteBuffer.wrap(GoldenBytes.load("wire/" + file));

        assertThat(PptpCodec.decode(in)).isEqualTo(new DecodeResult.Decoded<>(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void encodesToTheGoldenOctets(String file, ControlMessage message) {
        assertThat(GoldenBytes.bytes(PptpCodec.encode(message))).isEqualTo(GoldenBytes.load("wire/" + file));
    }

    @Test
    void everyMessageTypeHasAGoldenFile() {
        Set<ControlMessageType> covered = goldens().map(a -> ((ControlMessage) a.get()[1]).type())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ControlMessageType.class)));

        assertThat(covered).containsExactlyInAnyOrder(ControlMessageType.values());
    }

    @Test
    void codePointsCarryTheRfcDescriptions() {
        assertThat(GeneralError.of(2)).contains(GeneralError.BAD_FORMAT);
        assertThat(GeneralError.BAD_CALL_ID.description()).contains("Call ID is invalid");
        assertThat(OutgoingCallResult.of(7)).contains(OutgoingCallResult.DO_NOT_ACCEPT);
        assertThat(CallDisconnectResult.of(4)).contains(CallDisconnectResult.REQUEST);
        assertThat(StartControlConnectionResult.of(0)).isEmpty();
        assertThat(ControlMessageType.of(16)).isEmpty();
        assertThat(ControlMessageType.of(13)).contains(ControlMessageType.CALL_DISCONNECT_NOTIFY);
        assertThat(new StopControlConnectionReply(2, 4).result()).contains(StopControlConnectionResult.GENERAL_ERROR);
        assertThat(new StartControlConnectionReply(0x0100, 2, 4, 1, 1, 0, 0, "", "").generalError())
                .contains(GeneralError.NO_RESOURCE);
        assertThat(new StopControlConnectionRequest(3).knownReason())
                .contains(StopControlConnectionReason.STOP_LOCAL_SHUTDOWN);
        assertThat(new OutgoingCallReply(1, 2, 1, 0, 0, 0, 0, 0, 0).result()).contains(OutgoingCallResult.CONNECTED);
        assertThat(new IncomingCallReply(1, 2, 3, 0, 0, 0).result()).contains(IncomingCallResult.DO_NOT_ACCEPT);
        assertThat(new EchoReply(1, 1, 0).result()).contains(EchoResult.OK);
        assertThat(new CallDisconnectNotify(1, 9, 0, 0, "").result()).isEmpty();
    }
}
