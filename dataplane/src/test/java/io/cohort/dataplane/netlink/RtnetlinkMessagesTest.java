package io.cohort.dataplane.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Golden bytes: what iproute2 sends for the same change (see resources/netlink/README.md). */
class RtnetlinkMessagesTest {
    @Test
    void routeAddMatchesIproute2() throws IOException {
        byte[] encoded = RtnetlinkMessages.route(true, 1, InetAddress.getByName("10.99.0.0"), 24).encode(1);
        assertThat(encoded).isEqualTo(golden("ip-route-add-10.99.0.0_24-dev.hex"));
    }

    @Test
    void pointToPointAddressMatchesIproute2() throws IOException {
        byte[] encoded = RtnetlinkMessages.address(true, 1, InetAddress.getByName("10.98.0.1"), 32,
                InetAddress.getByName("10.98.0.2")).encode(1);
        assertThat(encoded).isEqualTo(golden("ip-addr-add-10.98.0.1-peer-10.98.0.2.hex"));
    }

    @Test
    void mtuChangeIsIfinfomsgWithIflaMtu() throws IOException {
        assertThat(RtnetlinkMessages.setMtu(1, 1500).encode(1)).isEqualTo(golden("ip-link-set-mtu-1500.hex"));
    }

    @Test
    void getLinkByNameMatchesIproute2() throws IOException {
        assertThat(RtnetlinkMessages.getLink("lo").encode(1)).isEqualTo(golden("ip-link-show-dev-lo.hex"));
    }

    @Test
    void promiscuousOnMatchesIproute2AndOffChangesOnlyThatFlag() throws IOException {
        assertThat(RtnetlinkMessages.setPromiscuous(1, true).encode(1)).isEqualTo(golden("ip-link-set-lo-promisc-on.hex"));
        assertThat(HexFormat.of().formatHex(RtnetlinkMessages.setPromiscuous(1, false).encode(1), 20, 32))
                .isEqualTo("01000000" + "00000000" + "00010000");
    }

    @Test
    void ipv4AddressDumpMatchesIproute2() throws IOException {
        assertThat(RtnetlinkMessages.dumpIpv4Addresses(1).encode(1)).isEqualTo(golden("ip-4-addr-show-dev-lo.hex"));
    }

    @Test
    void proxyNeighbourAddMatchesIproute2AndDeleteDiffersOnlyInTypeAndFlags() throws IOException {
        java.net.Inet4Address address = (java.net.Inet4Address) InetAddress.getByName("10.99.0.7");
        byte[] add = RtnetlinkMessages.proxyNeighbour(true, 1, address).encode(1);
        byte[] delete = RtnetlinkMessages.proxyNeighbour(false, 1, address).encode(1);

        assertThat(add).isEqualTo(golden("ip-neigh-add-proxy-10.99.0.7-dev.hex"));
        assertThat(HexFormat.of().formatHex(delete, 4, 8)).isEqualTo("1d00" + "0500"); // RTM_DELNEIGH, REQUEST|ACK
        assertThat(java.util.Arrays.copyOfRange(delete, 16, delete.length))
                .isEqualTo(java.util.Arrays.copyOfRange(add, 16, add.length));
    }

    @Test
    void proxyNeighbourDumpAsksForTheProxyTable() {
        byte[] dump = RtnetlinkMessages.dumpProxyNeighbours().encode(1);

        assertThat(HexFormat.of().formatHex(dump)).isEqualTo("1c000000" + "1e00" + "0103" + "01000000" + "00000000"
                + "02000000" + "00000000" + "0000" + "08" + "00");
    }

    @Test
    void getLinkRejectsNamesTheKernelCannotHold() {
        assertThatThrownBy(() -> RtnetlinkMessages.getLink("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtnetlinkMessages.getLink("sixteen-chars-xx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtnetlinkMessages.getLink("l\u00e4n0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linkUpChangesOnlyTheUpFlag() {
        byte[] up = RtnetlinkMessages.setLinkUp(7, true).encode(9);
        assertThat(up).hasSize(32);
        assertThat(HexFormat.of().formatHex(up)).isEqualTo(
                "20000000" + "1000" + "0500" + "09000000" + "00000000"
                        + "00" + "00" + "0000" + "07000000" + "01000000" + "01000000");
        byte[] down = RtnetlinkMessages.setLinkUp(7, false).encode(9);
        assertThat(HexFormat.of().formatHex(down)).endsWith("07000000" + "00000000" + "01000000");
    }

    @Test
    void ipv6RouteHasUniverseScopeAndSixteenByteDestination() throws IOException {
        byte[] encoded = RtnetlinkMessages.route(true, 3, InetAddress.getByName("fd00:99::"), 64).encode(2);
        assertThat(encoded).hasSize(16 + 12 + 20 + 8);
        assertThat(HexFormat.of().formatHex(encoded, 16, 28)).isEqualTo("0a400000" + "fe03" + "0001" + "00000000");
        assertThat(HexFormat.of().formatHex(encoded, 28, 48)).isEqualTo("1400" + "0100" + "fd000099000000000000000000000000");
    }

    @Test
    void ipv6AddressSkipsDuplicateAddressDetection() throws IOException {
        byte[] encoded = RtnetlinkMessages.address(true, 2, InetAddress.getByName("fd00::1"), 64, null).encode(1);
        assertThat(HexFormat.of().formatHex(encoded, 16, 24)).isEqualTo("0a400200" + "02000000");
        assertThat(encoded).hasSize(16 + 8 + 20 + 20);
    }

    @Test
    void deleteRouteAsksForNoCreationAndScopeNowhere() throws IOException {
        byte[] encoded = RtnetlinkMessages.route(false, 1, InetAddress.getByName("10.99.0.0"), 24).encode(1);
        assertThat(HexFormat.of().formatHex(encoded, 4, 8)).isEqualTo("1900" + "0500");
        assertThat(encoded[16 + 6] & 0xff).isEqualTo(255);
    }

    @Test
    void rejectsImpossiblePrefixesAndMixedFamilies() throws IOException {
        InetAddress v4 = InetAddress.getByName("10.0.0.1");
        assertThatThrownBy(() -> RtnetlinkMessages.route(true, 1, v4, 33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtnetlinkMessages.address(true, 1, v4, 32, InetAddress.getByName("fd00::1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtnetlinkMessages.setMtu(1, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] golden(String name) throws IOException {
        try (InputStream in = RtnetlinkMessagesTest.class.getResourceAsStream("/netlink/" + name)) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s+", "");
            return HexFormat.of().parseHex(hex);
        }
    }
}
