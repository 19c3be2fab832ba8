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

/** The type octet of each {@link ClusterMessage}. Codes are fixed: never renumber, only add. */
public enum MessageType {
    JOIN_REQUEST(1),
    JOIN_NAK(2),
    JOIN_ACK(3),
    OFFER_MASTER(4),
    OTHER_MASTER_EXISTS(5),
    MASTER_KEEPALIVE(6),
    MEMBER_KEEPALIVE(7),
    ASSIGN(8),
    ASSIGN_ACK(9),
    DEASSIGN(10),
    DEASSIGN_ACK(11),
    EXIT(12);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The type octet. */
    public int code() {
        return code;
    }

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

    /** The type with type octet {@code code}, or null if none has it. */
    static MessageType ofCode(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
