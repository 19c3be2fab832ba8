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
import io.cohort.testsupport.RandomValues;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** Random valid cluster messages of every type, within the codec's limits. */
final class RandomClusterMessages {
    private static final String CERTIFICATE_NAME_CHARACTERS = RandomValues.ALPHANUMERIC + "._-";

    private RandomClusterMessages() {}

    /**
     * Certificate-style names (six in ten), names of any non-surrogate characters (three in ten),
     * and certificate-style names ending in a character outside the BMP; at most 64 octets of UTF-8.
     */
    static MemberId memberId(RandomValues random) {
        return new MemberId(random.satisfying(r -> switch (r.weightedIndex(6, 3, 1)) {
            case 0 -> r.string(1, 64, CERTIFICATE_NAME_CHARACTERS);
            case 1 -> r.string(1, 40,
                    s -> s.bool() ? s.charBetween('\u0000', '\uD7FF') : s.charBetween('\uE000', '\uFFFF'));
            default -> r.string(1, 64, CERTIFICATE_NAME_CHARACTERS) + "\uD83D\uDE00";
        }, s -> !s.isBlank() && s.getBytes(StandardCharsets.UTF_8).length <= ClusterCodec.MAX_NAME_OCTETS));
    }

    /** An IPv4 or (not IPv4-mapped) IPv6 address and a port. */
    static MemberAddress address(RandomValues random) {
        byte[] ip = random.bool() ? random.bytes(4)
                : random.satisfying(r -> r.bytes(16), b -> !WireReader.isIpv4Mapped(b));
        return new MemberAddress(literal(ip), random.intBetween(1, 0xFFFF));
    }

    private static InetAddress literal(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static WorkUnit unit(RandomValues random) {
        return new WorkUnit(random.intBetween(0, WorkUnit.COUNT - 1));
    }

    /** Often none, else up to all {@value WorkUnit#COUNT} units. */
    static java.util.SortedSet<WorkUnit> units(RandomValues r) {
        return r.chance(0.3) ? java.util.Collections.emptySortedSet()
                : new java.util.TreeSet<>(r.listOf(1, r.oneOf(3, 100, WorkUnit.COUNT), RandomClusterMessages::unit));
    }

    static JoinRequest joinRequest(RandomValues r) {
        return new JoinRequest(memberId(r), address(r), r.longBetween(0, Long.MAX_VALUE),
                r.bytes(0, ClusterCodec.MAX_CREDENTIAL_OCTETS));
    }

    /** 1 to 24 members with distinct names; a sender and up to 1024 assigned units among them. */
    static MasterKeepalive masterKeepalive(RandomValues r) {
        List<MemberEntry> members =
                r.uniqueListOf(1, 24, s -> new MemberEntry(memberId(s), address(s)), MemberEntry::id);
        MemberId sender = r.oneOf(members).id();
        long term = r.anyLong();
        long revision = r.anyLong();
        long config = r.anyLong();
        int lossTolerance = r.intBetween(1, ClusterCodec.MAX_LOSS_TOLERANCE);
        List<Integer> units = new ArrayList<>(IntStream.range(0, WorkUnit.COUNT).boxed().toList());
        int assigned = r.size(0, WorkUnit.COUNT);
        SortedMap<WorkUnit, MemberId> assignments = new TreeMap<>();
        for (int i = 0; i < assigned; i++) {
            int pick = r.intBetween(i, units.size() - 1);
            Integer unit = units.set(pick, units.get(i));
            assignments.put(new WorkUnit(unit), r.oneOf(members).id());
        }
        return new MasterKeepalive(sender, term, revision, config, members, lossTolerance, assignments);
    }

    /** Any valid message; each type about equally often. */
    static ClusterMessage message(RandomValues r) {
        return switch (r.intBetween(0, 11)) {
            case 0 -> joinRequest(r);
            case 1 -> new JoinNak(memberId(r), memberId(r), r.oneOf(NakReason.class));
            case 2 -> new JoinAck(memberId(r), memberId(r), r.anyLong());
            case 3 -> new OfferMaster(memberId(r), address(r));
            case 4 -> new OtherMasterExists(memberId(r), memberId(r), r.intBetween(1, ClusterCodec.MAX_MEMBERS),
                    address(r));
            case 5 -> masterKeepalive(r);
            case 6 -> new MemberKeepalive(memberId(r), r.anyLong(), r.anyInt(), units(r), r.intBetween(0, 1) == 1,
                    r.intBetween(0, 1) == 1);
            case 7 -> new Assign(memberId(r), r.anyLong(), r.anyLong(), unit(r), memberId(r));
            case 8 -> new AssignAck(memberId(r), r.anyLong(), r.anyLong(), unit(r));
            case 9 -> new Deassign(memberId(r), r.anyLong(), r.anyLong(), unit(r), memberId(r));
            case 10 -> new DeassignAck(memberId(r), r.anyLong(), r.anyLong(), unit(r));
            default -> new Exit(memberId(r), memberId(r), r.oneOf(ExitReason.class), r.anyLong());
        };
    }
}
