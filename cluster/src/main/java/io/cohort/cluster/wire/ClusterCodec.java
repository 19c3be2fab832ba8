package io.cohort.cluster.wire;

import static io.cohort.cluster.wire.DecodeError.BAD_FIELD;
import static io.cohort.cluster.wire.DecodeError.BAD_LENGTH;

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
import io.cohort.cluster.message.MemberEntry;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.cluster.message.NakReason;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.cluster.unit.WorkUnit;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import java.util.SortedSet;
import java.util.Collections;
/**
 * The byte form of every {@link ClusterMessage}: the plaintext that
 * {@link io.cohort.cluster.secure.SealedEnvelope} seals. All integers are unsigned and big-endian
 * unless marked signed (s64: two's complement).
 *
 * <p>Every message starts with {@code version (1) = 1 | type (1) | sender (name)}, then:
 *
 * <table>
 * <caption>Fields after the common header</caption>
 * <tr><th>type</th><th>message</th><th>fields</th></tr>
 * <tr><td>1</td><td>{@link JoinRequest}</td><td>address | configVersion s64 &ge; 0 | credential length (2) 0..4096 | credential</td></tr>
 * <tr><td>2</td><td>{@link JoinNak}</td><td>target (name) | reason (1)</td></tr>
 * <tr><td>3</td><td>{@link JoinAck}</td><td>target (name) | term s64</td></tr>
 * <tr><td>4</td><td>{@link OfferMaster}</td><td>address</td></tr>
 * <tr><td>5</td><td>{@link OtherMasterExists}</td><td>target (name) | memberCount (2) 1..256 | address</td></tr>
 * <tr><td>6</td><td>{@link MasterKeepalive}</td><td>term s64 | revision s64 | configVersion s64 | lossTolerance (1) 1..255
 *     | member count (2) 1..256 | members: (name | address) &times; count
 *     | assignment count (2) 0..1024 | assignments: (unit (2) 0..1023 | member index (1)) &times; count</td></tr>
 * <tr><td>7</td><td>{@link MemberKeepalive}</td><td>term s64 | sequence (4) | busy length (1) 0 or 128 |
 *     busy units, a bitmap (unit u at bit 7 − u mod 8 of octet u / 8), present only when some unit is busy |
 *     flags (1): 0x01 draining, 0x02 catching up, other bits 0</td></tr>
 * <tr><td>8</td><td>{@link Assign}</td><td>term s64 | revision s64 | unit (2) 0..1023 | member (name)</td></tr>
 * <tr><td>9</td><td>{@link AssignAck}</td><td>term s64 | revision s64 | unit (2)</td></tr>
 * <tr><td>10</td><td>{@link Deassign}</td><td>term s64 | revision s64 | unit (2) | target (name)</td></tr>
 * <tr><td>11</td><td>{@link DeassignAck}</td><td>term s64 | revision s64 | unit (2)</td></tr>
 * <tr><td>12</td><td>{@link Exit}</td><td>target (name) | reason (1) | configVersion s64</td></tr>
 * </table>
 *
 * <ul>
 * <li><b>name</b>: length (1) 1..64, then that many octets of well-formed UTF-8, not blank
 *     ({@link MemberId}). The envelope restricts its sender further, to certificate names.
 * <li><b>address</b>: family (1) = 4 or 6, 4 or 16 address octets (IPv4-mapped IPv6 refused:
 *     it would decode as IPv4), port (2) 1..65535. An IPv6 scope id is not carried.
 * <li><b>reason</b>: {@link NakReason} OPERATION_IN_PROGRESS 0, CREDENTIAL_REJECTED 1,
 *     APPLICATION_REJECTED 2; {@link ExitReason} NOT_A_MEMBER 0, STALE_CONFIGURATION 1,
 *     MASTER_STEPPED_DOWN 2, MEMBER_LEFT 3: the enums' order, pinned by the golden tests; a new reason goes
 *     last (an old decoder refuses it as BAD_FIELD).
 * <li><b>assignments</b> are in strictly increasing unit order; a member index points into the
 *     member list of the same keepalive (names would make 1024 assignments 66 KB).
 * </ul>
 *
 * <p>The encoding is canonical: whatever decodes re-encodes to the same octets. The decoder
 * validates every field against the limits above and the records' own rules before it builds a
 * record, checks every count against the remaining input before it allocates, and reports a
 * fault as a {@link DecodeResult.Malformed} with its {@link DecodeFault}, never an exception. {@link #encode} throws
 * {@link IllegalArgumentException} for a message outside these limits: building one is a
 * programming error. The largest message (256 members with 64-octet names and IPv6 addresses,
 * 1024 assignments) is {@value #MAX_ENCODED_OCTETS} octets.
 */
public final class ClusterCodec {
    public static final int VERSION = 1;
    public static final int MAX_NAME_OCTETS = 64;
    public static final int MAX_MEMBERS = 256;
    public static final int MAX_ASSIGNMENTS = WorkUnit.COUNT;
    public static final int MAX_CREDENTIAL_OCTETS = 4096;
    /** The member keepalive's flag: the member is being drained. */
    static final int DRAINING = 0x01;
    /** The member keepalive's flag: the member does not yet hold every other member's state. */
    static final int CATCHING_UP = 0x02;
    public static final int MAX_LOSS_TOLERANCE = 0xFF;
    /** The smallest member entry: a one-octet name and an IPv4 address. */
    private static final int MIN_MEMBER_ENTRY = 1 + 1 + 1 + 4 + 2;
    private static final int ASSIGNMENT_ENTRY = 2 + 1;
    private static final int MAX_MEMBER_ENTRY = 1 + MAX_NAME_OCTETS + 1 + 16 + 2;
    public static final int MAX_ENCODED_OCTETS = 2 + 1 + MAX_NAME_OCTETS + 3 * 8 + 1
            + 2 + MAX_MEMBERS * MAX_MEMBER_ENTRY + 2 + MAX_ASSIGNMENTS * ASSIGNMENT_ENTRY;

    private ClusterCodec() {}

    /**
     * The octets of {@code message}.
     *
     * @throws IllegalArgumentException if a field is outside the format's limits
     */
    public static byte[] encode(ClusterMessage message) {
        WireWriter out = new WireWriter();
        out.u8(VERSION);
        out.u8(MessageType.of(message).code());
        out.memberId(message.sender());
        switch (message) {
            case JoinRequest m -> {
                out.address(m.address());
                out.s64(m.configVersion());
                byte[] credential = m.credential();
                out.bounded(credential.length, 0, MAX_CREDENTIAL_OCTETS, 2, "credential length");
                out.raw(credential);
            }
            case JoinNak m -> {
                out.memberId(m.target());
                out.u8(m.reason().ordinal());
            }
            case JoinAck m -> {
                out.memberId(m.target());
                out.s64(m.term());
            }
            case OfferMaster m -> out.address(m.address());
            case OtherMasterExists m -> {
                out.memberId(m.target());
                out.bounded(m.memberCount(), 1, MAX_MEMBERS, 2, "member count");
                out.address(m.address());
            }
            case MasterKeepalive m -> masterKeepalive(m, out);
            case MemberKeepalive m -> {
                out.s64(m.term());
                out.u32(m.sequence());
                if (m.busy().isEmpty()) {
                    out.u8(0);
                } else {
                    out.u8(UnitBitmap.OCTETS);
                    out.raw(UnitBitmap.encode(m.busy()));
                }
                out.u8((m.draining() ? DRAINING : 0) | (m.catchingUp() ? CATCHING_UP : 0));
            }
            case Assign m -> {
                order(m.term(), m.revision(), m.unit(), out);
                out.memberId(m.member());
            }
            case AssignAck m -> order(m.term(), m.revision(), m.unit(), out);
            case Deassign m -> {
                order(m.term(), m.revision(), m.unit(), out);
                out.memberId(m.target());
            }
            case DeassignAck m -> order(m.term(), m.revision(), m.unit(), out);
            case Exit m -> {
                out.memberId(m.target());
                out.u8(m.reason().ordinal());
                out.s64(m.configVersion());
            }
        }
        return out.toByteArray();
    }

    private static void order(long term, long revision, WorkUnit unit, WireWriter out) {
        out.s64(term);
        out.s64(revision);
        out.u16(unit.value());
    }

    private static void masterKeepalive(MasterKeepalive m, WireWriter out) {
        out.s64(m.term());
        out.s64(m.revision());
        out.s64(m.configVersion());
        out.bounded(m.lossTolerance(), 1, MAX_LOSS_TOLERANCE, 1, "loss tolerance");
        out.bounded(m.members().size(), 1, MAX_MEMBERS, 2, "member count");
        Map<MemberId, Integer> index = new HashMap<>();
        for (MemberEntry e : m.members()) {
            index.put(e.id(), index.size());
            out.memberId(e.id());
            out.address(e.address());
        }
        out.bounded(m.assignments().size(), 0, MAX_ASSIGNMENTS, 2, "assignment count");
        for (Map.Entry<WorkUnit, MemberId> a : m.assignments().entrySet()) {
            out.u16(a.getKey().value());
            out.u8(index.get(a.getValue()));
        }
    }

    /** The message in {@code input} from its position to its limit; {@code input} is not moved. */
    public static DecodeResult<ClusterMessage, DecodeFault> decode(ByteBuffer input) {
        WireReader in = new WireReader(input);
        try {
            int version = in.u8("version");
            if (version != VERSION) {
                throw new MalformedMessage(DecodeError.BAD_VERSION, 0, "version " + version + ", expected " + VERSION);
            }
            int code = in.u8("type");
            MessageType type = MessageType.ofCode(code)
                    .orElseThrow(() -> new MalformedMessage(DecodeError.UNKNOWN_TYPE, 1, "type " + code));
            ClusterMessage message = decodeBody(type, in.memberId("sender"), in);
            in.end();
            return new DecodeResult.Decoded<>(message);
        } catch (MalformedMessage e) {
            return e.result();
        }
    }

    /** {@link #decode(ByteBuffer)} of all of {@code datagram}. */
    public static DecodeResult<ClusterMessage, DecodeFault> decode(byte[] datagram) {
        return decode(ByteBuffer.wrap(datagram));
    }

    /** The member keepalive's flags: draining, catching up; other bits must be 0. */
    private static int memberFlags(WireReader in) throws MalformedMessage {
        int flags = in.u8("flags");
        if ((flags & ~(DRAINING | CATCHING_UP)) != 0) {
            throw in.malformed(BAD_FIELD, "member keepalive flags " + flags);
        }
        return flags;
    }

    /** The member keepalive's busy units: none (length 0) or a bitmap with at least one bit set (canonical). */
    private static SortedSet<WorkUnit> busyUnits(WireReader in) throws MalformedMessage {
        int length = in.u8("busy length");
        if (length == 0) {
            return Collections.emptySortedSet();
        }
        if (length != UnitBitmap.OCTETS) {
            throw in.malformed(BAD_LENGTH, "busy length " + length + " is neither 0 nor " + UnitBitmap.OCTETS);
        }
        var busy = UnitBitmap.decode(in.bytes(length, "busy units"));
        if (busy.isEmpty()) {
            throw in.malformed(BAD_FIELD, "an empty busy bitmap is sent as length 0");
        }
        return busy;
    }

    // Fields are read in layout order: Java evaluates arguments left to right (JLS 15.7.4).
    private static ClusterMessage decodeBody(MessageType type, MemberId sender, WireReader in) throws MalformedMessage {
        return switch (type) {
            case JOIN_REQUEST -> {
                var address = in.address("address");
                long configVersion = in.s64("configuration version");
                if (configVersion < 0) {
                    throw in.malformed(BAD_FIELD, "configuration version " + configVersion + " is negative");
                }
                int length = in.count(0, MAX_CREDENTIAL_OCTETS, 1, "credential octets");
                yield new JoinRequest(sender, address, configVersion, in.bytes(length, "credential"));
            }
            case JOIN_NAK -> new JoinNak(sender, in.memberId("target"),
                    NakReason.values()[in.bounded(1, 0, NakReason.values().length - 1, "NAK reason")]);
            case JOIN_ACK -> new JoinAck(sender, in.memberId("target"), in.s64("term"));
            case OFFER_MASTER -> new OfferMaster(sender, in.address("address"));
            case OTHER_MASTER_EXISTS -> new OtherMasterExists(sender, in.memberId("target"),
                    in.bounded(2, 1, MAX_MEMBERS, "member count"), in.address("address"));
            case MASTER_KEEPALIVE -> masterKeepalive(sender, in);
            case MEMBER_KEEPALIVE -> {
                long term = in.s64("term");
                int sequence = in.u32("sequence");
                SortedSet<WorkUnit> busy = busyUnits(in);
                int flags = memberFlags(in);
                yield new MemberKeepalive(sender, term, sequence, busy, (flags & DRAINING) != 0, (flags & CATCHING_UP) != 0);
            }
            case ASSIGN -> new Assign(sender, in.s64("term"), in.s64("revision"), unit(in), in.memberId("member"));
            case ASSIGN_ACK -> new AssignAck(sender, in.s64("term"), in.s64("revision"), unit(in));
            case DEASSIGN -> new Deassign(sender, in.s64("term"), in.s64("revision"), unit(in), in.memberId("target"));
            case DEASSIGN_ACK -> new DeassignAck(sender, in.s64("term"), in.s64("revision"), unit(in));
            case EXIT -> new Exit(sender, in.memberId("target"),
                    ExitReason.values()[in.bounded(1, 0, ExitReason.values().length - 1, "exit reason")],
                    in.s64("configuration version"));
        };
    }

    private static WorkUnit unit(WireReader in) throws MalformedMessage {
        return new WorkUnit(in.bounded(2, 0, WorkUnit.COUNT - 1, "unit"));
    }

    private static MasterKeepalive masterKeepalive(MemberId sender, WireReader in) throws MalformedMessage {
        long term = in.s64("term");
        long revision = in.s64("revision");
        long configVersion = in.s64("configuration version");
        int lossTolerance = in.bounded(1, 1, MAX_LOSS_TOLERANCE, "loss tolerance");
        int memberCount = in.count(1, MAX_MEMBERS, MIN_MEMBER_ENTRY, "members");
        List<MemberEntry> members = new ArrayList<>(memberCount);
        Map<MemberId, Integer> seen = new HashMap<>();
        for (int i = 0; i < memberCount; i++) {
            MemberId id = in.memberId("member");
            if (seen.putIfAbsent(id, i) != null) {
                throw in.malformed(BAD_FIELD, id + " is listed twice");
            }
            members.add(new MemberEntry(id, in.address("member address")));
        }
        if (!seen.containsKey(sender)) {
            throw in.malformed(BAD_FIELD, "the master " + sender + " is not in its member list");
        }
        int assignmentCount = in.count(0, MAX_ASSIGNMENTS, ASSIGNMENT_ENTRY, "assignments");
        TreeMap<WorkUnit, MemberId> assignments = new TreeMap<>();
        int previous = -1;
        for (int i = 0; i < assignmentCount; i++) {
            int unit = in.bounded(2, previous + 1, WorkUnit.COUNT - 1, "unit (after " + previous + ")");
            int member = in.bounded(1, 0, memberCount - 1, "member index");
            assignments.put(new WorkUnit(unit), members.get(member).id());
            previous = unit;
        }
        return new MasterKeepalive(sender, term, revision, configVersion, members, lossTolerance, assignments);
    }
}
