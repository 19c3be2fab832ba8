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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Arbitrary valid cluster messages of every type, within the codec's limits. */
final class ClusterMessageArbitraries {
    private ClusterMessageArbitraries() {}

    /** Certificate-style names, and names of any non-surrogate characters up to 64 octets of UTF-8. */
    static Arbitrary<MemberId> memberIds() {
        Arbitrary<String> certificateNames = Arbitraries.strings().alpha().numeric().withChars("._-").ofMinLength(1).ofMaxLength(64);
        Arbitrary<String> unicodeNames = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                .ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> supplementary = Arbitraries.strings().withChars("\uD83D\uDE00".toCharArray()).ofLength(2)
                .filter(s -> Character.isSurrogatePair(s.charAt(0), s.charAt(1)));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, certificateNames),
                        net.jqwik.api.Tuple.of(3, unicodeNames),
                        net.jqwik.api.Tuple.of(1, Combinators.combine(certificateNames, supplementary).as(String::concat)))
                .filter(s -> !s.isBlank() && s.getBytes(StandardCharsets.UTF_8).length <= ClusterCodec.MAX_NAME_OCTETS)
                .map(MemberId::new);
    }

    static Arbitrary<MemberAddress> addresses() {
        Arbitrary<byte[]> ip = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16).filter(b -> !WireReader.isIpv4Mapped(b)));
        return Combinators.combine(ip, Arbitraries.integers().between(1, 0xFFFF))
                .as((bytes, port) -> new MemberAddress(literal(bytes), port));
    }

    private static InetAddress literal(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Arbitrary<WorkUnit> units() {
        return Arbitraries.integers().between(0, WorkUnit.COUNT - 1).map(WorkUnit::new);
    }

    private static Arbitrary<Long> longs() {
        return Arbitraries.longs();
    }

    static Arbitrary<JoinRequest> joinRequests() {
        return Combinators.combine(memberIds(), addresses(), Arbitraries.longs().greaterOrEqual(0),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(ClusterCodec.MAX_CREDENTIAL_OCTETS))
                .as(JoinRequest::new);
    }

    static Arbitrary<MasterKeepalive> masterKeepalives() {
        Arbitrary<List<MemberEntry>> entries = Combinators.combine(memberIds(), addresses()).as(MemberEntry::new)
                .list().ofMinSize(1).ofMaxSize(24).uniqueElements(MemberEntry::id);
        return entries.flatMap(members -> {
            Arbitrary<MemberId> member = Arbitraries.of(members).map(MemberEntry::id);
            Arbitrary<SortedMap<WorkUnit, MemberId>> assignments = Arbitraries.maps(units(), member)
                    .ofMaxSize(WorkUnit.COUNT).map(TreeMap::new);
            return Combinators.combine(member, longs(), longs(), longs(),
                            Arbitraries.integers().between(1, ClusterCodec.MAX_LOSS_TOLERANCE), assignments)
                    .as((sender, term, revision, config, n, assigned) ->
                            new MasterKeepalive(sender, term, revision, config, members, n, assigned));
        });
    }

    /** Any valid message; each type about equally often. */
    static Arbitrary<ClusterMessage> messages() {
        return Arbitraries.oneOf(List.of(
                joinRequests(),
                Combinators.combine(memberIds(), memberIds(), Arbitraries.of(NakReason.class)).as(JoinNak::new),
                Combinators.combine(memberIds(), memberIds(), longs()).as(JoinAck::new),
                Combinators.combine(memberIds(), addresses()).as(OfferMaster::new),
                Combinators.combine(memberIds(), memberIds(), Arbitraries.integers().between(1, ClusterCodec.MAX_MEMBERS),
                        addresses()).as(OtherMasterExists::new),
                masterKeepalives(),
                Combinators.combine(memberIds(), longs(), Arbitraries.integers()).as(MemberKeepalive::new),
                Combinators.combine(memberIds(), longs(), longs(), units(), memberIds()).as(Assign::new),
                Combinators.combine(memberIds(), longs(), longs(), units()).as(AssignAck::new),
                Combinators.combine(memberIds(), longs(), longs(), units(), memberIds()).as(Deassign::new),
                Combinators.combine(memberIds(), longs(), longs(), units()).as(DeassignAck::new),
                Combinators.combine(memberIds(), memberIds(), Arbitraries.of(ExitReason.class), longs()).as(Exit::new)));
    }
}
