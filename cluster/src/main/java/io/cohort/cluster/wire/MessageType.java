package io.cohort.cluster.wire;

import io.cohort.cluster.message.Assign;
import io.cohort.cluster.message.AssignAck;
import io.cohort.cluster.message.ClusterMessage;
import io.cohort.cluster.message.Deassign;
import io.cohort.cluster.message.DeassignAck;
import io.cohort.cluster.message.Exit;
import io.cohort.cluster.message.JoinAck;
import io.cohort.cluster.message.JoinNak;
import io.cohort.cluster.message.JoinRequest;
import io.cohort.cluster.message.MasterKeepalive;
import io.cohort.cluster.message.MemberKeepalive;
import io.cohort.cluster.message.OfferMaster;
import io.cohort.cluster.message.OtherMasterExists;
import io.cohort.wire.CodePoint;
import io.cohort.wire.CodeTable;
import java.util.Optional;

/** The type octet of each {@link ClusterMessage}. Codes are fixed: never renumber, only add. */
public enum MessageType implements CodePoint {
    JOIN_REQUEST(1, "join request (figure 6)"),
    JOIN_NAK(2, "NAK of a join request, with a reason (figure 6)"),
    JOIN_ACK(3, "ACK of a join request (figure 6)"),
    OFFER_MASTER(4, "offer to become master (election, figure 6)"),
    OTHER_MASTER_EXISTS(5, "another master answers an offer or a keepalive (two masters, figure 6)"),
    MASTER_KEEPALIVE(6, "master's keepalive: members, interval, assignments (figure 8)"),
    MEMBER_KEEPALIVE(7, "member's keepalive with its sequence number (figure 8)"),
    ASSIGN(8, "assignment of a work unit to a member (figure 8)"),
    ASSIGN_ACK(9, "member's acknowledgement of an assignment"),
    DEASSIGN(10, "a work unit taken from a member (rebalance, figure 9)"),
    DEASSIGN_ACK(11, "member's acknowledgement of a deassignment"),
    EXIT(12, "order to a member to exit, with a reason (stale configuration, not a member)");

    private static final CodeTable<MessageType> CODES = new CodeTable<>(values());
    private final Definition definition;

    MessageType(int code, String description) { definition = new Definition(code, description); }

    /** The type octet and what the message is. */
    @Override public Definition definition() { return definition; }

    /** The type of {@code message}. */
    public static MessageType of(ClusterMessage message) {
        return switch (message) {
            case JoinRequest m -> JOIN_REQUEST;
            case JoinNak m -> JOIN_NAK;
            case JoinAck m -> JOIN_ACK;
            case OfferMaster m -> OFFER_MASTER;
            case OtherMasterExists m -> OTHER_MASTER_EXISTS;
            case MasterKeepalive m -> MASTER_KEEPALIVE;
            case MemberKeepalive m -> MEMBER_KEEPALIVE;
            case Assign m -> ASSIGN;
            case AssignAck m -> ASSIGN_ACK;
            case Deassign m -> DEASSIGN;
            case DeassignAck m -> DEASSIGN_ACK;
            case Exit m -> EXIT;
        };
    }

    /** The type with type octet {@code code}, empty if none has it. */
    static Optional<MessageType> ofCode(int code) {
        return CODES.of(code);
    }
}
