package io.cohort.pptp.wire;

import io.cohort.pptp.wire.ControlMessage.*;
import io.cohort.testsupport.RandomValues;

/** Random control messages of every type, covering each field's whole range. Public for the control tests. */
public final class RandomControlMessages {
    private RandomControlMessages() {}

    static int u8(RandomValues r) {
        return r.intBetween(0, 0xFF);
    }

    static int u16(RandomValues r) {
        return r.intBetween(0, 0xFFFF);
    }

    static long u32(RandomValues r) {
        return r.longBetween(0, 0xFFFF_FFFFL);
    }

    static int textLength(RandomValues r) {
        return r.intBetween(0, ControlMessage.TEXT_FIELD_LENGTH);
    }

    /** Latin-1 without NUL, up to {@code size} characters; empty or full among the edge cases. */
    static String text(RandomValues r, int size) {
        return r.string(0, size, '\u0001', '\u00FF');
    }

    /** Any message, each type equally often. */
    public static ControlMessage anyMessage(RandomValues r) {
        return switch (r.intBetween(0, 14)) {
            case 0 -> new StartControlConnectionRequest(u16(r), u32(r), u32(r), u16(r), u16(r), text(r, 64),
                    text(r, 64));
            case 1 -> new StartControlConnectionReply(u16(r), u8(r), u8(r), u32(r), u32(r), u16(r), u16(r),
                    text(r, 64), text(r, 64));
            case 2 -> new StopControlConnectionRequest(u8(r));
            case 3 -> new StopControlConnectionReply(u8(r), u8(r));
            case 4 -> new EchoRequest(u32(r));
            case 5 -> new EchoReply(u32(r), u8(r), u8(r));
            case 6 -> new OutgoingCallRequest(u16(r), u16(r), u32(r), u32(r), u32(r), u32(r), u16(r), u16(r),
                    textLength(r), text(r, 64), text(r, 64));
            case 7 -> new OutgoingCallReply(u16(r), u16(r), u8(r), u8(r), u16(r), u32(r), u16(r), u16(r), u32(r));
            case 8 -> new IncomingCallRequest(u16(r), u16(r), u32(r), u32(r), textLength(r), textLength(r),
                    text(r, 64), text(r, 64), text(r, 64));
            case 9 -> new IncomingCallReply(u16(r), u16(r), u8(r), u8(r), u16(r), u16(r));
            case 10 -> new IncomingCallConnected(u16(r), u32(r), u16(r), u16(r), u32(r));
            case 11 -> new CallClearRequest(u16(r));
            case 12 -> new CallDisconnectNotify(u16(r), u8(r), u8(r), u16(r), text(r, 128));
            case 13 -> new WanErrorNotify(u16(r), u32(r), u32(r), u32(r), u32(r), u32(r), u32(r));
            default -> new SetLinkInfo(u16(r), u32(r), u32(r));
        };
    }
}
