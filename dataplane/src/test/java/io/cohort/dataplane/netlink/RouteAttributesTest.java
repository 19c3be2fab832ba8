package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RouteAttributesTest {
    @Test
    void readsPaddedAttributesAfterTheFamilyHeaderAndKeepsTheFirstOfAType() {
        ByteBuffer payload = ByteBuffer.wrap(HexFormat.of().parseHex(
                "aabbccdd" + "0700" + "0300" + "6c6f0000" + "0800" + "0300" + "65746830" + "0a00" + "0180"
                        + "020000000001" + "0000")).order(ByteOrder.nativeOrder());

        RouteAttributes attributes = RouteAttributes.parse(payload, 4);

        assertThat(attributes.string(3)).contains("lo");
        assertThat(attributes.bytes(1)).hasValueSatisfying(
                v -> assertThat(HexFormat.of().formatHex(v)).isEqualTo("020000000001"));
        assertThat(attributes.bytes(2)).isEmpty();
    }

    @Test
    void anAttributeRunningPastThePayloadIsMalformed() {
        ByteBuffer payload = ByteBuffer.wrap(HexFormat.of().parseHex("1000" + "0300" + "6c6f0000"));
        assertThatThrownBy(() -> RouteAttributes.parse(payload, 0)).isInstanceOf(IllegalArgumentException.class);
        ByteBuffer tooShort = ByteBuffer.wrap(HexFormat.of().parseHex("0200" + "0300"));
        assertThatThrownBy(() -> RouteAttributes.parse(tooShort, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
