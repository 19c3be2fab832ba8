package io.cohort.cluster.wire;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.Assign;
import io.cohort.cluster.message.AssignAck;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.Deassign;
import io.cohort.cluster.message.DeassignAck;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.ExitReason;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.cluster.unit.WorkUnit;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One hand-written message of each type and its octets, written field by field from the layout
 * table of {@link ClusterCodec} ("|" separates fields; only hex digits count).
 */
final class GoldenMessages {
    record Golden(ClusterMessage message, String hex) {
        byte[] bytes() {
            return HexFormat.of().parseHex(hex.replaceAll("[^0-9a-f]", ""));
        }

        @Override
        public String toString() {
            return MessageType.of(message).toString();
        }
    }

    static final MemberId A = MemberId.of("a");
    static final MemberId B = MemberId.of("b");
    static final MemberId NOEUD = MemberId.of("nœud");
    static final MemberAddress A_ADDRESS = address("10.0.0.1", 4500);
    static final MemberAddress B_ADDRESS = address("10.0.0.2", 4500);
    static final MemberAddress V6_ADDRESS = address("2001:db8::1", 4500);

    static final List<Golden> ALL = List.of(
            new Golden(new JoinRequest(A, A_ADDRESS, 7, new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF}),
                    "01 01 | 01 61 | 04 0a000001 1194 | 0000000000000007 | 0004 deadbeef"),
            new Golden(new JoinNak(A, B, NakReason.CREDENTIAL_REJECTED),
                    "01 02 | 01 61 | 01 62 | 01"),
            new Golden(new JoinAck(A, NOEUD, 3),
                    "01 03 | 01 61 | 05 6e c593 75 64 | 0000000000000003"),
            new Golden(new OfferMaster(B, V6_ADDRESS),
                    "01 04 | 01 62 | 06 20010db8000000000000000000000001 1194"),
            new Golden(new OtherMasterExists(A, B, 3, A_ADDRESS),
                    "01 05 | 01 61 | 01 62 | 0003 | 04 0a000001 1194"),
            new Golden(new MasterKeepalive(A, 1, 9, 7,
                            List.of(new MemberEntry(A, A_ADDRESS), new MemberEntry(B, B_ADDRESS)), 4,
                            new TreeMap<>(Map.of(WorkUnit.of(5), B, WorkUnit.of(1023), A))),
                    "01 06 | 01 61 | 0000000000000001 | 0000000000000009 | 0000000000000007 | 04"
                            + " | 0002 | 01 61 04 0a000001 1194 | 01 62 04 0a000002 1194"
                            + " | 0002 | 0005 01 | 03ff 00"),
            new Golden(new MemberKeepalive(B, 1, 0xFFFFFFFE),
                    "01 07 | 01 62 | 0000000000000001 | fffffffe | 00 | 00"),
            new Golden(new MemberKeepalive(B, 1, 2, new java.util.TreeSet<>(java.util.List.of(WorkUnit.of(0), WorkUnit.of(9),
                    WorkUnit.of(1023)))),
                    "01 07 | 01 62 | 0000000000000001 | 00000002 | 80 | 80 40" + " 00".repeat(125) + " 01 | 00"),
            new Golden(new MemberKeepalive(B, 1, 3, new java.util.TreeSet<>(), true),
                    "01 07 | 01 62 | 0000000000000001 | 00000003 | 00 | 01"),
            new Golden(new MemberKeepalive(B, 1, 4, new java.util.TreeSet<>(), false, true),
                    "01 07 | 01 62 | 0000000000000001 | 00000004 | 00 | 02"),
            new Golden(new Assign(A, 1, 10, WorkUnit.of(5), B),
                    "01 08 | 01 61 | 0000000000000001 | 000000000000000a | 0005 | 01 62"),
            new Golden(new AssignAck(B, 1, 10, WorkUnit.of(5)),
                    "01 09 | 01 62 | 0000000000000001 | 000000000000000a | 0005"),
            new Golden(new Deassign(A, 1, -2, WorkUnit.of(1023), B),
                    "01 0a | 01 61 | 0000000000000001 | fffffffffffffffe | 03ff | 01 62"),
            new Golden(new DeassignAck(B, 1, -2, WorkUnit.of(1023)),
                    "01 0b | 01 62 | 0000000000000001 | fffffffffffffffe | 03ff"),
            new Golden(new Exit(A, B, ExitReason.STALE_CONFIGURATION, 8),
                    "01 0c | 01 61 | 01 62 | 01 | 0000000000000008"),
            new Golden(new Exit(B, A, ExitReason.MEMBER_LEFT, 8),
                    "01 0c | 01 62 | 01 61 | 03 | 0000000000000008"));

    static MemberAddress address(String literal, int port) {
        try {
            return new MemberAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private GoldenMessages() {}
}
