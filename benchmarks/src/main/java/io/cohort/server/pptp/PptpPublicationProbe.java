package io.cohort.server.pptp;

import io.cohort.cluster.unit.WorkUnit;
import io.cohort.dataplane.tcprepair.TcpConnectionState;
import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.gre.GreChannelEssentialState;
import io.cohort.pptp.gre.GreChannelInitialState;
import io.cohort.replication.UnitStatePublisher;
import io.cohort.telemetry.Counters;

/**
 * The server's {@link PptpStatePublication} (patent, figure 7: what a PPTP connection and its calls
 * publish, under which keys, only when an encoding changed), opened to the benchmarks: each method
 * is the publication's own, called with the records the engines give. It lives in the server's
 * package because the publication is package-private: the benchmarks measure the very code the
 * server runs. The server calls these from {@code ConnectionReplication} after each control
 * exchange, when a call or its link comes up, and from the 500 ms sweep.
 */
public final class PptpPublicationProbe {
    private final PptpStatePublication publication;

    public PptpPublicationProbe(UnitStatePublisher publisher, Counters counters) {
        publication = new PptpStatePublication(publisher, counters);
    }

    /** After a control message exchange: the control connection's records (put if changed). */
    public void connection(WorkUnit unit, long connection, ControlConnectionInitialState initial,
                           ControlConnectionEssentialState essential) {
        publication.connection(unit, connection, initial, essential);
    }

    /** After a control message exchange: the TCP connection under it, as captured. */
    public void tcp(WorkUnit unit, long connection, TcpConnectionState state) {
        publication.tcp(unit, connection, state);
    }

    /** A call set up: its records and its GRE channel's initial state. */
    public void call(WorkUnit unit, long connection, PptpCall call, GreChannelInitialState gre) {
        publication.call(unit, connection, call, gre);
    }

    /** The call's PPP link is up. */
    public void pppUp(WorkUnit unit, long connection, int callId, PppLinkInitialState ppp) {
        publication.pppUp(unit, connection, callId, ppp);
    }

    /** The sweep: GRE and MPPE counters, put if they moved; whether anything was put. */
    public boolean counters(WorkUnit unit, long connection, int callId, GreChannelEssentialState gre,
                            PppLinkEssentialState ppp) {
        return publication.counters(unit, connection, callId, gre, ppp);
    }

    /** What a PPTP key space holds ({@link PptpStateKeys}), for tables. */
    public static String keySpaceName(int space) {
        return switch (space) {
            case PptpStateKeys.CONNECTION_INITIAL -> "PPTP control connection initial";
            case PptpStateKeys.CONNECTION_ESSENTIAL -> "PPTP control connection essential";
            case PptpStateKeys.TCP_INITIAL -> "TCP connection initial";
            case PptpStateKeys.TCP_ESSENTIAL -> "TCP connection essential";
            case PptpStateKeys.CALL_INITIAL -> "PPTP call";
            case PptpStateKeys.GRE_INITIAL -> "GRE channel initial";
            case PptpStateKeys.GRE_ESSENTIAL -> "GRE channel essential";
            case PptpStateKeys.PPP_INITIAL -> "PPP link initial (MPPE master key)";
            case PptpStateKeys.PPP_ESSENTIAL -> "PPP link essential (MPPE counts, session keys)";
            default -> "space " + space;
        };
    }

    /** Keys published and not removed. */
    public int keys() {
        return publication.keys();
    }
}
