package io.cohort.l2tp.tunnel;

import io.cohort.l2tp.wire.Avp;
import io.cohort.l2tp.wire.ControlMessage;
import io.cohort.l2tp.wire.GeneralError;
import io.cohort.l2tp.wire.MessageType;
import io.cohort.l2tp.wire.ResultCodeText;
import io.cohort.l2tp.wire.StopCcnResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Builds the control-connection messages of RFC 2661 6.1 to 6.4 and applies the hiding policy. */
final class TunnelMessages {
    /** RFC 2661 is protocol version 1, revision 0 (4.4.3). */
    static final int PROTOCOL_VERSION = 1;
    static final int PROTOCOL_REVISION = 0;
    /** Octets of the challenges we send; 5.1.1 leaves the length open, 16 matches MD5. */
    static final int CHALLENGE_LENGTH = 16;

    private TunnelMessages() {}

    /** The AVPs every SCCRQ and SCCRP carries (6.1, 6.2). */
    static List<Avp> tunnelStart(TunnelSettings settings, int localTunnelId) {
        List<Avp> avps = new ArrayList<>(8);
        avps.add(new Avp.ProtocolVersion(PROTOCOL_VERSION, PROTOCOL_REVISION));
        avps.add(new Avp.HostName(settings.hostName()));
        avps.add(new Avp.FramingCapabilities(true, true));
        avps.add(new Avp.AssignedTunnelId(localTunnelId));
        avps.add(new Avp.ReceiveWindowSize(settings.reliability().receiveWindow()));
        return avps;
    }

    /** A Result Code AVP; the error code defaults to "no general error" so a message can ride along. */
    static Avp.ResultCode resultCode(int result, GeneralError error, String message) {
        GeneralError e = error == null ? GeneralError.NO_ERROR : error;
        String text = message.length() > 200 ? message.substring(0, 200) : message;
        return new Avp.ResultCode(result, OptionalInt.of(e.code()), text);
    }

    /**
     * The message, with every AVP that section 4.4 allows hidden when {@code hide} is set (4.3).
     *
     * <p>The establishment messages (SCCRQ, SCCRP, SCCCN) stay in clear text: their receiver picks
     * the shared secret by the Host Name in that same message, and stock peers (xl2tpd) only look
     * the secret up after parsing it, so a hidden AVP there cannot be unhidden. Every later
     * message, including the call messages that carry numbers and proxy authentication, is hidden.
     */
    static ControlMessage build(MessageType type, List<Avp> avps, boolean hide) {
        ControlMessage.Builder b = ControlMessage.builder(type);
        boolean hideHere = hide && !establishment(type);
        for (Avp avp : avps) {
            if (hideHere && avp instanceof Avp.Standard s && s.type().mayBeHidden()) {
                b.hidden(avp);
            } else {
                b.add(avp);
            }
        }
        return b.build();
    }

    private static boolean establishment(MessageType type) {
        return type == MessageType.SCCRQ || type == MessageType.SCCRP || type == MessageType.SCCCN;
    }

    /** A StopCCN's Result Code in words, for logs and events. */
    static String describe(Avp.ResultCode rc) {
        return ResultCodeText.describe(rc, code -> StopCcnResult.of(code).map(StopCcnResult::description));
    }

    /** Whether the message announces protocol version 1.0 (4.4.3). */
    static boolean supportedVersion(ControlMessage m) {
        return m.find(Avp.ProtocolVersion.class)
                .map(v -> v.version() == PROTOCOL_VERSION && v.revision() == PROTOCOL_REVISION).orElse(false);
    }
}
