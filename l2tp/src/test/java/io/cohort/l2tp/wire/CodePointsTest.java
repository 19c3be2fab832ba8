package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Message types (3.2), result and error codes (4.4.2) and proxy authen types (4.4.5). */
class CodePointsTest {

    @ParameterizedTest
    @CsvSource({"1, SCCRQ", "2, SCCRP", "3, SCCCN", "4, StopCCN", "6, HELLO", "7, OCRQ", "8, OCRP", "9, OCCN",
        "10, ICRQ", "11, ICRP", "12, ICCN", "14, CDN", "15, WEN", "16, SLI"})
    void messageTypeCodes(int code, MessageType type) {
        assertThat(type.code()).isEqualTo(code);
        assertThat(MessageType.of(code)).contains(type);
    }

    @Test
    void reservedAndUnknownMessageTypes() {
        assertThat(MessageType.of(0)).isEmpty();
        assertThat(MessageType.of(5)).isEmpty();
        assertThat(MessageType.of(13)).isEmpty();
        assertThat(MessageType.of(17)).isEmpty();
        assertThat(MessageType.of(-1)).isEmpty();
        assertThat(MessageType.SCCRQ.description()).isEqualTo("Start-Control-Connection-Request");
    }

    @Test
    void stopCcnResultCodes() {
        assertThat(StopCcnResult.values()).extracting(StopCcnResult::code).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(StopCcnResult.of(5)).contains(StopCcnResult.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(StopCcnResult.of(8)).isEmpty();
    }

    @Test
    void cdnResultCodes() {
        assertThat(CdnResult.values()).extracting(CdnResult::code)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(CdnResult.of(3)).contains(CdnResult.ADMINISTRATIVE);
        assertThat(CdnResult.of(12)).isEmpty();
    }

    @Test
    void generalErrorCodes() {
        assertThat(GeneralError.values()).extracting(GeneralError::code).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(GeneralError.of(8)).contains(GeneralError.UNKNOWN_MANDATORY_AVP);
        assertThat(GeneralError.UNKNOWN_MANDATORY_AVP.description()).contains("M-bit");
    }

    @Test
    void proxyAuthenKinds() {
        assertThat(ProxyAuthenKind.of(2)).contains(ProxyAuthenKind.PPP_CHAP);
        assertThat(new Avp.ProxyAuthenType(5).kind()).contains(ProxyAuthenKind.MICROSOFT_CHAP_V1);
        assertThat(new Avp.ProxyAuthenType(6).kind()).isEmpty();
    }
}
