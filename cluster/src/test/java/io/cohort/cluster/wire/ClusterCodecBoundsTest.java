package io.cohort.cluster.wire;

import static io.cohort.cluster.wire.GoldenMessages.A;
import static io.cohort.cluster.wire.GoldenMessages.A_ADDRESS;
import static io.cohort.cluster.wire.GoldenMessages.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import io.cohort.wire.DecodeResult;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records' validation and the codec's limits agree: a message the records accept either
 * round trips or is refused by {@link ClusterCodec#encode} with an {@link IllegalArgumentException}
 * (never silently changed), and octets holding a value a record would refuse decode to
 * {@link DecodeError#BAD_FIELD} or {@link DecodeError#BAD_LENGTH}, never to the record's exception.
 */
@ExtendWith(FailingCaseReport.class)
class ClusterCodecBoundsTest {
    private static final String TERM = "0000000000000001";
    private static final String KEEPALIVE = "01 06 | 01 61 | " + TERM + " | 0000000000000009 | 0000000000000007 | 04"
            + " | 0002 | 01 61 04 0a000001 1194 | 01 62 04 0a000002 1194 | 0002 | 0005 01 | 03ff 00";

    static byte[] hex(String fields) {
        return HexFormat.of().parseHex(fields.replaceAll("[^0-9a-f]", ""));
    }

    static DecodeError errorOf(byte[] bytes) {
        return switch (ClusterCodec.decode(bytes)) {
            case DecodeResult.Malformed<ClusterMessage, DecodeFault> e -> e.error().kind();
            case DecodeResult.Decoded<ClusterMessage, DecodeFault> ok -> throw new AssertionError("decoded " + ok.value());
        };
    }

    static void assertRoundTrips(ClusterMessage message) {
        assertThat(ClusterCodec.decode(ClusterCodec.encode(message))).isEqualTo(new DecodeResult.Decoded<>(message));
    }

    /** Any characters (lone surrogates too), printable ASCII, or blanks, accents and a surrogate pair's halves. */
    static String name(RandomValues random) {
        return switch (random.intBetween(0, 2)) {
            case 0 -> random.string(0, 70, '\u0000', '\uffff');
            case 1 -> random.string(0, 70, ' ', '~');
            default -> random.string(0, 40, " \t\u00a0\u2003é€\uD83D\uDE00");
        };
    }

    static Stream<Arguments> names() {
        return SeededCases.of(3000, r -> Arguments.of(name(r)));
    }

    /** Names {@link MemberId} accepts: round trip if well-formed and at most 64 octets, else refused by encode. */
    @ParameterizedTest
    @MethodSource("names")
    void namesTheRecordAcceptsRoundTripOrAreRefusedByEncode(String name) {
        if (name.isBlank()) {
            assertThatThrownBy(() -> new MemberId(name)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        JoinAck ack = new JoinAck(A, new MemberId(name), 1);
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        boolean wellFormed = new String(utf8, StandardCharsets.UTF_8).equals(name);
        if (wellFormed && utf8.length <= ClusterCodec.MAX_NAME_OCTETS) {
            assertRoundTrips(ack);
        } else {
            assertThatThrownBy(() -> ClusterCodec.encode(ack)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    static Stream<Arguments> nameOctets() {
        return SeededCases.of(3000, r -> Arguments.of(r.bool() ? r.bytes(0, 80)
                : r.satisfying(s -> name(s).getBytes(StandardCharsets.UTF_8), b -> b.length <= 255)));
    }

    /** Name octets decode to a member exactly when they are 1..64 octets of well-formed UTF-8 that {@link MemberId} accepts. */
    @ParameterizedTest
    @MethodSource("nameOctets")
    void nameOctetsDecodeExactlyWhenTheRecordAcceptsThem(byte[] name) {
        byte[] joinAck = hex("01 03 01 61 " + HexFormat.of().toHexDigits((byte) name.length)
                + HexFormat.of().formatHex(name) + TERM);
        String strict;
        try {
            strict = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            strict = null;
        }
        if (name.length == 0 || name.length > ClusterCodec.MAX_NAME_OCTETS) {
            assertThat(errorOf(joinAck)).isEqualTo(DecodeError.BAD_LENGTH);
        } else if (strict == null || strict.isBlank()) {
            assertThat(errorOf(joinAck)).isEqualTo(DecodeError.BAD_FIELD);
        } else {
            assertThat(ClusterCodec.decode(joinAck)).isEqualTo(new DecodeResult.Decoded<>(new JoinAck(A, new MemberId(strict), 1)));
        }
    }

    @Test
    void nameLengthsAtTheBound() {
        assertRoundTrips(new JoinAck(A, MemberId.of("n".repeat(64)), 1));
        assertThatThrownBy(() -> ClusterCodec.encode(new JoinAck(A, MemberId.of("n".repeat(65)), 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterCodec.encode(new JoinAck(A, MemberId.of("€".repeat(22)), 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(errorOf(hex("01 03 01 61 41" + "6e".repeat(65) + TERM))).isEqualTo(DecodeError.BAD_LENGTH);
        assertThat(errorOf(hex("01 03 01 61 00" + TERM))).isEqualTo(DecodeError.BAD_LENGTH);
    }

    @Test
    void credentialLengthsAtTheBound() {
        assertRoundTrips(new JoinRequest(A, A_ADDRESS, 0, new byte[0]));
        assertRoundTrips(new JoinRequest(A, A_ADDRESS, Long.MAX_VALUE, new byte[ClusterCodec.MAX_CREDENTIAL_OCTETS]));
        assertThatThrownBy(() -> ClusterCodec.encode(new JoinRequest(A, A_ADDRESS, 0, new byte[ClusterCodec.MAX_CREDENTIAL_OCTETS + 1])))
                .isInstanceOf(IllegalArgumentException.class);
        String head = "01 01 01 61 04 0a000001 1194 0000000000000007";
        assertThat(errorOf(hex(head + "1001" + "00".repeat(4097)))).isEqualTo(DecodeError.BAD_LENGTH);
        assertThat(errorOf(hex(head + "ffff deadbeef"))).isEqualTo(DecodeError.BAD_LENGTH);
        assertThat(errorOf(hex(head + "0800 deadbeef"))).isEqualTo(DecodeError.TRUNCATED);
    }

    /** 256 members with 64-octet names and IPv6 addresses, 1024 assignments: the largest message. */
    @Test
    void theLargestKeepaliveRoundTripsAndOneMoreMemberIsRefused() throws UnknownHostException {
        List<MemberEntry> members = new ArrayList<>();
        for (int i = 0; i < ClusterCodec.MAX_MEMBERS + 1; i++) {
            byte[] ip = new byte[16];
            ip[0] = 0x20;
            ip[15] = (byte) i;
            ip[14] = (byte) (i >> 8);
            String name = "%064d".formatted(i);
            members.add(new MemberEntry(MemberId.of(name), new MemberAddress(InetAddress.getByAddress(ip), 65535)));
        }
        TreeMap<WorkUnit, MemberId> assignments = new TreeMap<>();
        for (int u = 0; u < WorkUnit.COUNT; u++) {
            assignments.put(WorkUnit.of(u), members.get(u % ClusterCodec.MAX_MEMBERS).id());
        }
        MemberId master = members.getFirst().id();
        MasterKeepalive largest = new MasterKeepalive(master, Long.MIN_VALUE, Long.MAX_VALUE, 0,
                members.subList(0, ClusterCodec.MAX_MEMBERS), ClusterCodec.MAX_LOSS_TOLERANCE, assignments);

        assertThat(ClusterCodec.encode(largest)).hasSize(ClusterCodec.MAX_ENCODED_OCTETS);
        assertRoundTrips(largest);
        assertThatThrownBy(() -> ClusterCodec.encode(new MasterKeepalive(master, 1, 1, 1, members, 4, assignments)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member count 257");
        assertThatThrownBy(() -> ClusterCodec.encode(new MasterKeepalive(master, 1, 1, 1, members.subList(0, 1),
                        ClusterCodec.MAX_LOSS_TOLERANCE + 1, new TreeMap<>())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss tolerance 256");
    }

    @Test
    void keepaliveCountsOutsideTheirBoundsAreBadLengthBeforeAllocation() {
        String head = "01 06 | 01 61 | " + TERM + " | 0000000000000009 | 0000000000000007 | 04";
        assertThat(errorOf(hex(head + " 0000"))).isEqualTo(DecodeError.BAD_LENGTH);
        assertThat(errorOf(hex(head + " 0101 | 01 61 04 0a000001 1194"))).isEqualTo(DecodeError.BAD_LENGTH);
        assertThat(errorOf(hex(head + " ffff | 01 61 04 0a000001 1194"))).isEqualTo(DecodeError.BAD_LENGTH);
        assertThat(errorOf(hex(head + " 00c8 | 01 61 04 0a000001 1194"))).isEqualTo(DecodeError.TRUNCATED);
        String oneMember = head + " 0001 | 01 61 04 0a000001 1194";
        assertThat(errorOf(hex(oneMember + " 0401 | 0005 00"))).isEqualTo(DecodeError.BAD_LENGTH);
        assertThat(errorOf(hex(oneMember + " ffff | 0005 00"))).isEqualTo(DecodeError.BAD_LENGTH);
        assertThat(errorOf(hex(oneMember + " 0002 | 0005 00"))).isEqualTo(DecodeError.TRUNCATED);
        assertThat(ClusterCodec.decode(hex(oneMember + " 0000"))).isInstanceOf(DecodeResult.Decoded.class);
    }

    @Test
    void otherMasterExistsMemberCountAtTheBound() {
        assertRoundTrips(new OtherMasterExists(A, B, ClusterCodec.MAX_MEMBERS, A_ADDRESS));
        assertThatThrownBy(() -> ClusterCodec.encode(new OtherMasterExists(A, B, ClusterCodec.MAX_MEMBERS + 1, A_ADDRESS)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OtherMasterExists(A, B, 0, A_ADDRESS)).isInstanceOf(IllegalArgumentException.class);
        assertThat(errorOf(hex("01 05 | 01 61 | 01 62 | 0000 | 04 0a000001 1194"))).isEqualTo(DecodeError.BAD_FIELD);
        assertThat(errorOf(hex("01 05 | 01 61 | 01 62 | 0101 | 04 0a000001 1194"))).isEqualTo(DecodeError.BAD_FIELD);
    }

    @Test
    void anIpv4MappedIpv6AddressIsRefusedBothWays() throws UnknownHostException {
        byte[] mapped = hex("00000000000000000000ffff0a000001");
        InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(v6).isInstanceOf(Inet6Address.class);
        assertThatThrownBy(() -> ClusterCodec.encode(new OfferMaster(A, new MemberAddress(v6, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(errorOf(hex("01 04 | 01 62 | 06 00000000000000000000ffff0a000001 1194"))).isEqualTo(DecodeError.BAD_FIELD);
    }

    /** Values a record constructor refuses arrive as typed errors, not as its exception. */
    @Test
    void valuesTheRecordsRefuseAreBadFields() throws UnknownHostException {
        assertThatThrownBy(() -> new MemberId(" \t")).isInstanceOf(IllegalArgumentException.class);
        assertThat(errorOf(hex("01 02 | 02 2009 | 01 62 | 01"))).isEqualTo(DecodeError.BAD_FIELD);

        assertThatThrownBy(() -> new MemberAddress(InetAddress.getByAddress(new byte[4]), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(errorOf(hex("01 04 | 01 62 | 04 0a000001 0000"))).isEqualTo(DecodeError.BAD_FIELD);
        assertThat(errorOf(hex("01 04 | 01 62 | 05 0a000001 1194"))).isEqualTo(DecodeError.BAD_FIELD);

        assertThatThrownBy(() -> new JoinRequest(A, A_ADDRESS, -1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThat(errorOf(hex("01 01 | 01 61 | 04 0a000001 1194 | ffffffffffffffff | 0000"))).isEqualTo(DecodeError.BAD_FIELD);

        assertThatThrownBy(() -> new WorkUnit(1024)).isInstanceOf(IllegalArgumentException.class);
        assertThat(errorOf(hex("01 08 | 01 61 | " + TERM + " | 000000000000000a | 0400 | 01 62"))).isEqualTo(DecodeError.BAD_FIELD);
        assertThat(errorOf(hex("01 09 | 01 62 | " + TERM + " | 000000000000000a | ffff"))).isEqualTo(DecodeError.BAD_FIELD);

        assertThat(errorOf(hex("01 02 | 01 61 | 01 62 | 03"))).isEqualTo(DecodeError.BAD_FIELD);
        assertThat(errorOf(hex("01 0c | 01 61 | 01 62 | 04 | 0000000000000008"))).isEqualTo(DecodeError.BAD_FIELD);
    }

    @Test
    void keepalivesTheRecordRefusesAreBadFields() {
        assertThat(ClusterCodec.decode(hex(KEEPALIVE))).isInstanceOf(DecodeResult.Decoded.class);
        // loss tolerance 0
        assertThat(errorOf(hex(KEEPALIVE.replace("| 04 |", "| 00 |")))).isEqualTo(DecodeError.BAD_FIELD);
        // the master not in its list
        assertThat(errorOf(hex(KEEPALIVE.replace("01 61 04 0a000001", "01 63 04 0a000001")))).isEqualTo(DecodeError.BAD_FIELD);
        // a member listed twice
        assertThat(errorOf(hex(KEEPALIVE.replace("01 62 04 0a000002", "01 61 04 0a000002")))).isEqualTo(DecodeError.BAD_FIELD);
        // a member index past the list
        assertThat(errorOf(hex(KEEPALIVE.replace("0005 01", "0005 02")))).isEqualTo(DecodeError.BAD_FIELD);
        // units out of order, or twice (a map would silently drop one)
        assertThat(errorOf(hex(KEEPALIVE.replace("0005 01 | 03ff 00", "03ff 00 | 0005 01")))).isEqualTo(DecodeError.BAD_FIELD);
        assertThat(errorOf(hex(KEEPALIVE.replace("0005 01 | 03ff 00", "0005 01 | 0005 00")))).isEqualTo(DecodeError.BAD_FIELD);
        // a unit above 1023
        assertThat(errorOf(hex(KEEPALIVE.replace("03ff 00", "0400 00")))).isEqualTo(DecodeError.BAD_FIELD);
    }
}
