package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The MUST-be-present AVPs of RFC 2661 section 6, table-driven. */
class RequiredAvpsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "SCCRQ   | PROTOCOL_VERSION HOST_NAME FRAMING_CAPABILITIES ASSIGNED_TUNNEL_ID",
        "SCCRP   | PROTOCOL_VERSION HOST_NAME FRAMING_CAPABILITIES ASSIGNED_TUNNEL_ID",
        "SCCCN   | ''",
        "StopCCN | ASSIGNED_TUNNEL_ID RESULT_CODE",
        "HELLO   | ''",
        "ICRQ    | ASSIGNED_SESSION_ID CALL_SERIAL_NUMBER",
        "ICRP    | ASSIGNED_SESSION_ID",
        "ICCN    | TX_CONNECT_SPEED FRAMING_TYPE",
        "OCRQ    | ASSIGNED_SESSION_ID CALL_SERIAL_NUMBER MINIMUM_BPS MAXIMUM_BPS BEARER_TYPE FRAMING_TYPE CALLED_NUMBER",
        "OCRP    | ASSIGNED_SESSION_ID",
        "OCCN    | TX_CONNECT_SPEED FRAMING_TYPE",
        "CDN     | RESULT_CODE ASSIGNED_SESSION_ID",
        "WEN     | CALL_ERRORS",
        "SLI     | ACCM",
    })
    void tableMatchesSectionSix(MessageType type, String required) {
        List<AvpType> expected = required.isBlank() ? List.of()
                : Stream.of(required.trim().split(" +")).map(AvpType::valueOf).toList();

        assertThat(RequiredAvps.of(type)).containsExactlyInAnyOrderElementsOf(expected);
    }

    static Stream<Arguments> eachRequiredAvpOfEachGoldenMessage() {
        return ControlMessageGoldenTest.goldens().flatMap(a -> {
            ControlMessageGoldenTest.Golden g = (ControlMessageGoldenTest.Golden) a.get()[0];
            return RequiredAvps.of(g.message().type()).stream().map(t -> Arguments.of(g, t));
        });
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("eachRequiredAvpOfEachGoldenMessage")
    void decodeNamesTheMissingAvp(ControlMessageGoldenTest.Golden g, AvpType dropped) {
        List<FlaggedAvp> kept = new ArrayList<>(g.message().avps());
        kept.removeIf(f -> f.avp() instanceof Avp.Standard s && s.type() == dropped);
        ControlMessage incomplete = new ControlMessage(g.message().type(), kept);

        assertThat(RequiredAvps.firstMissing(incomplete)).contains(dropped);
        ByteBuffer bytes = L2tpCodec.encodeControl(3, 4, 5, 6, incomplete, null, null);
        assertThat(L2tpCodec.decode(bytes, null)).isEqualTo(new DecodeResult.Malformed<>(
                new DecodeFault(DecodeError.MISSING_REQUIRED_AVP, 3, 4), g.message().type() + " lacks " + dropped.description()));
    }
}
