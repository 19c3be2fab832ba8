package io.cohort.l2tp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AVP table against the text of RFC 2661 section 4.4, one row per AVP. */
class AvpTypeTest {

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
        // code, constant, may be hidden, M-bit, min value length, max value length (-1: 1017)
        "0,  MESSAGE_TYPE,                 false, true,  2,  2",
        "1,  RESULT_CODE,                  false, true,  2, -1",
        "2,  PROTOCOL_VERSION,             false, true,  2,  2",
        "3,  FRAMING_CAPABILITIES,         true,  true,  4,  4",
        "4,  BEARER_CAPABILITIES,          true,  true,  4,  4",
        "5,  TIE_BREAKER,                  false, false, 8,  8",
        "6,  FIRMWARE_REVISION,            true,  false, 2,  2",
        "7,  HOST_NAME,                    false, true,  1, -1",
        "8,  VENDOR_NAME,                  true,  false, 0, -1",
        "9,  ASSIGNED_TUNNEL_ID,           true,  true,  2,  2",
        "10, RECEIVE_WINDOW_SIZE,          false, true,  2,  2",
        "11, CHALLENGE,                    true,  true,  1, -1",
        "12, Q931_CAUSE_CODE,              false, true,  3, -1",
        "13, CHALLENGE_RESPONSE,           true,  true, 16, 16",
        "14, ASSIGNED_SESSION_ID,          true,  true,  2,  2",
        "15, CALL_SERIAL_NUMBER,           true,  true,  4,  4",
        "16, MINIMUM_BPS,                  true,  true,  4,  4",
        "17, MAXIMUM_BPS,                  true,  true,  4,  4",
        "18, BEARER_TYPE,                  true,  true,  4,  4",
        "19, FRAMING_TYPE,                 true,  true,  4,  4",
        "21, CALLED_NUMBER,                true,  true,  0, -1",
        "22, CALLING_NUMBER,               true,  true,  0, -1",
        "23, SUB_ADDRESS,                  true,  true,  0, -1",
        "24, TX_CONNECT_SPEED,             true,  true,  4,  4",
        "25, PHYSICAL_CHANNEL_ID,          true,  false, 4,  4",
        "26, INITIAL_RECEIVED_LCP_CONFREQ, true,  false, 0, -1",
        "27, LAST_SENT_LCP_CONFREQ,        true,  false, 0, -1",
        "28, LAST_RECEIVED_LCP_CONFREQ,    true,  false, 0, -1",
        "29, PROXY_AUTHEN_TYPE,            true,  false, 2,  2",
        "30, PROXY_AUTHEN_NAME,            true,  false, 0, -1",
        "31, PROXY_AUTHEN_CHALLENGE,       true,  false, 0, -1",
        "32, PROXY_AUTHEN_ID,              true,  false, 2,  2",
        "33, PROXY_AUTHEN_RESPONSE,        true,  false, 0, -1",
        "34, CALL_ERRORS,                  true,  true, 26, 26",
        "35, ACCM,                         true,  true, 10, 10",
        "36, RANDOM_VECTOR,                false, true,  0, -1",
        "37, PRIVATE_GROUP_ID,             true,  false, 0, -1",
        "38, RX_CONNECT_SPEED,             true,  false, 4,  4",
        "39, SEQUENCING_REQUIRED,          false, true,  0,  0",
    })
    void matchesSectionFourFour(int code, AvpType type, boolean hideable, boolean mandatory, int min, int max) {
        assertThat(type.code()).isEqualTo(code);
        assertThat(AvpType.of(code)).contains(type);
        assertThat(type.mayBeHidden()).isEqualTo(hideable);
        assertThat(type.mandatory()).isEqualTo(mandatory);
        assertThat(type.minValueLength()).isEqualTo(min);
        assertThat(type.maxValueLength()).isEqualTo(max == -1 ? 1017 : max);
    }

    @ParameterizedTest
    @CsvSource({"20", "40", "-1", "65535"})
    void unassignedAttributesAreUnknown(int code) {
        assertThat(AvpType.of(code)).isEmpty();
    }
}
