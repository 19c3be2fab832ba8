package io.cohort.server.pptp;

import io.cohort.replication.StateKey;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where PPTP's replicated records live within a work unit (patent, figure 7): one
 * {@link StateKey} space per record, numbered parent first (control connection, its TCP
 * connection, each call, each call's GRE channel and PPP link), so that a unit's keys read back
 * in the order they are rebuilt. The spaces are PPTP's own block ({@code 0x02xx}): a unit's store
 * holds the L2TP records too, and each protocol reads only its block.
 *
 * <p>Identifiers are what every member sees the same: a control connection is named by the
 * client's address and port (48 bits: the TCP flow it is, which also fixes its work unit), a call
 * by its connection and our Call ID ({@code connection << 16 | callId}).
 */
final class PptpStateKeys {
    static final int CONNECTION_INITIAL = 0x0201;
    static final int CONNECTION_ESSENTIAL = 0x0202;
    static final int TCP_INITIAL = 0x0203;
    static final int TCP_ESSENTIAL = 0x0204;
    static final int CALL_INITIAL = 0x0205;
    static final int GRE_INITIAL = 0x0206;
    static final int GRE_ESSENTIAL = 0x0207;
    static final int PPP_INITIAL = 0x0208;
    static final int PPP_ESSENTIAL = 0x0209;
    private static final int FIRST = CONNECTION_INITIAL;
    private static final int LAST = PPP_ESSENTIAL;

    private PptpStateKeys() {
    }

    /** The identifier of the control connection from {@code peer} (an IPv4 address): address and port. */
    static long connection(InetSocketAddress peer) {
        int address = ByteBuffer.wrap(((Inet4Address) peer.getAddress()).getAddress()).getInt();
        return (address & 0xFFFF_FFFFL) << 16 | peer.getPort();
    }

    /** The identifier of call {@code callId} on connection {@code connection}. */
    static long call(long connection, int callId) {
        return connection << 16 | callId;
    }

    /** The connection a call identifier names. */
    static long connectionOfCall(long call) {
        return call >>> 16;
    }

    /** The Call ID a call identifier names. */
    static int callIdOf(long call) {
        return (int) (call & 0xFFFF);
    }

    /** Whether {@code key} is one of PPTP's. */
    static boolean isPptp(StateKey key) {
        return key.space() >= FIRST && key.space() <= LAST;
    }

    /** Whether {@code space} names a record of a call rather than of its connection. */
    static boolean isCallSpace(int space) {
        return space >= CALL_INITIAL && space <= LAST;
    }

    static StateKey connectionKey(int space, long connection) {
        return new StateKey(space, connection);
    }

    static StateKey callKey(int space, long connection, int callId) {
        return new StateKey(space, call(connection, callId));
    }
}
