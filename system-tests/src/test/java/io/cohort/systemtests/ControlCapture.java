package io.cohort.systemtests;

import io.cohort.testbed.Tshark;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The control traffic of one peer in a capture, as Wireshark's dissectors decode it (tshark):
 * its L2TP control messages and ZLBs (RFC 2661 section 3.1), its PPTP control messages (RFC 2637
 * section 2), its TCP segments that open or reset a connection, and the ICMP Destination
 * Unreachable messages it is sent (RFC 792).
 *
 * @param l2tp the L2TP control packets to or from the peer, in capture order
 * @param pptp the PPTP control messages to or from the peer (several may share one TCP segment)
 * @param tcpOpensAndResets the TCP segments with SYN or RST to or from the peer
 * @param unreachables the ICMP Destination Unreachable messages to the peer
 */
record ControlCapture(List<L2tp> l2tp, List<Pptp> pptp, List<Tcp> tcpOpensAndResets, List<Unreachable> unreachables) {
    /** RFC 2661 section 3.2 message types as tshark prints {@code l2tp.avp.message_type}. */
    static final int SCCRQ = 1, STOPCCN = 4, HELLO = 6;
    /** RFC 2637 section 2 control message types ({@code pptp.control_message_type}). */
    static final int START_CONTROL_CONNECTION_REQUEST = 1, STOP_CONTROL_CONNECTION_REQUEST = 3,
            STOP_CONTROL_CONNECTION_REPLY = 4, ECHO_REQUEST = 5, ECHO_REPLY = 6, CALL_CLEAR_REQUEST = 12,
            CALL_DISCONNECT_NOTIFY = 13;

    /**
     * One L2TP control packet.
     *
     * @param type the Message Type AVP; empty for a ZLB acknowledgement (RFC 2661 section 5.8)
     */
    record L2tp(Instant at, boolean fromPeer, int tunnel, int ns, int nr, OptionalInt type) {
        boolean is(int messageType) {
            return type.isPresent() && type.getAsInt() == messageType;
        }

        /** Whether this acknowledges {@code sent}, a message of the other side: its Nr is past sent's Ns. */
        boolean acknowledges(L2tp sent) {
            return fromPeer != sent.fromPeer && nr == ((sent.ns + 1) & 0xFFFF);
        }
    }

    /** One PPTP control message; {@code identifier} is set for Echo-Request and Echo-Reply (section 2.16, 2.17). */
    record Pptp(Instant at, boolean fromPeer, int type, long identifier) {
    }

    /** One TCP segment with SYN or RST. */
    record Tcp(Instant at, boolean fromPeer, boolean syn, boolean reset) {
    }

    /**
     * One ICMP Destination Unreachable to the peer: code 2 protocol, 3 port unreachable.
     *
     * @param from the sender's IPv4 address
     * @param fromMac the Ethernet source, which tells members sharing the cluster IP apart
     * @param aboutProtocol the IP protocol of the datagram it is about (17 UDP, 47 GRE)
     */
    record Unreachable(Instant at, String from, String fromMac, int code, int aboutProtocol) {
    }

    ControlCapture {
        l2tp = List.copyOf(l2tp);
        pptp = List.copyOf(pptp);
        tcpOpensAndResets = List.copyOf(tcpOpensAndResets);
        unreachables = List.copyOf(unreachables);
    }

    /** Reads {@code pcap}, keeping what {@code peer} (an IPv4 address) sent or received. */
    static ControlCapture read(Path pcap, String peer) {
        // not the datagrams that ICMP errors quote, which tshark decodes too
        String host = "ip.addr == " + peer + " && !icmp";
        List<L2tp> l2tp = new ArrayList<>();
        for (String[] f : fields(pcap, host + " && l2tp.type == 1", "ip.src", "l2tp.tunnel", "l2tp.Ns", "l2tp.Nr",
                "l2tp.avp.message_type")) {
            OptionalInt type = f[5].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[5].split(";")[0]));
            l2tp.add(new L2tp(time(f[0]), f[1].equals(peer), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), type));
        }
        List<Pptp> pptp = new ArrayList<>();
        for (String[] f : fields(pcap, host + " && pptp", "ip.src", "pptp.control_message_type", "pptp.identifier")) {
            String[] types = f[2].split(";");
            List<String> identifiers = new ArrayList<>(Arrays.asList(f[3].split(";")));
            for (String type : types) {
                int t = Integer.parseInt(type);
                boolean echo = t == ECHO_REQUEST || t == ECHO_REPLY;
                long identifier = echo && !identifiers.isEmpty() ? Long.decode(identifiers.removeFirst()) : -1;
                pptp.add(new Pptp(time(f[0]), f[1].equals(peer), t, identifier));
            }
        }
        List<Tcp> tcp = new ArrayList<>();
        for (String[] f : fields(pcap, host + " && (tcp.flags.syn == 1 || tcp.flags.reset == 1)", "ip.src",
                "tcp.flags.syn", "tcp.flags.reset")) {
            tcp.add(new Tcp(time(f[0]), f[1].equals(peer), flag(f[2]), flag(f[3])));
        }
        List<Unreachable> unreachables = new ArrayList<>();
        for (String[] f : fields(pcap, "ip.dst == " + peer + " && icmp.type == 3", "ip.src", "eth.src", "icmp.code",
                "ip.proto")) {
            String[] protocols = f[4].split(";");
            unreachables.add(new Unreachable(time(f[0]), f[1].split(";")[0], f[2], Integer.parseInt(f[3]),
                    Integer.parseInt(protocols[protocols.length - 1])));
        }
        return new ControlCapture(l2tp, pptp, tcp, unreachables);
    }

    /** The L2TP control packets at or after {@code from}. */
    List<L2tp> l2tpSince(Instant from) {
        return l2tp.stream().filter(p -> !p.at().isBefore(from)).toList();
    }

    /** The PPTP control messages at or after {@code from}. */
    List<Pptp> pptpSince(Instant from) {
        return pptp.stream().filter(p -> !p.at().isBefore(from)).toList();
    }

    /** Every packet as one line each, for failure messages. */
    String render() {
        StringBuilder out = new StringBuilder();
        l2tp.forEach(p -> out.append(p).append('\n'));
        pptp.forEach(p -> out.append(p).append('\n'));
        tcpOpensAndResets.forEach(p -> out.append(p).append('\n'));
        unreachables.forEach(p -> out.append(p).append('\n'));
        return out.toString();
    }

    /** Each matching packet's {@code frame.time_epoch} and {@code names}, tab-separated, several values joined by ';'. */
    private static List<String[]> fields(Path pcap, String filter, String... names) {
        List<String> args = new ArrayList<>(List.of("-r", pcap.toString(), "-Y", filter, "-T", "fields",
                "-E", "separator=/t", "-E", "aggregator=;", "-e", "frame.time_epoch"));
        for (String name : names) {
            args.add("-e");
            args.add(name);
        }
        return Tshark.run(args.toArray(String[]::new)).lines().filter(l -> !l.isBlank())
                .map(l -> Arrays.copyOf(l.split("\t", -1), names.length + 1)).toList();
    }

    private static Instant time(String epoch) {
        String[] parts = epoch.split("\\.");
        long nanos = parts.length > 1 ? Long.parseLong((parts[1] + "000000000").substring(0, 9)) : 0;
        return Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
    }

    private static boolean flag(String value) {
        return value.equals("1") || value.equalsIgnoreCase("true");
    }
}
