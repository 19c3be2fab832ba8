package io.cohort.ppp.ipcp;

import io.cohort.ppp.automaton.OptionNegotiator;
import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.wire.PppOption;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * IPCP options: IP-Address (RFC 1332 3.3), IP-Compression-Protocol (3.2, always rejected: no VJ),
 * and RFC 1877's Primary/Secondary DNS (129, 131) and NBNS (130, 132) addresses.
 */
public final class IpcpNegotiator implements OptionNegotiator {
    public static final int IP_COMPRESSION_PROTOCOL = 2;
    public static final int IP_ADDRESS = 3;
    public static final int PRIMARY_DNS = 129;
    public static final int PRIMARY_NBNS = 130;
    public static final int SECONDARY_DNS = 131;
    public static final int SECONDARY_NBNS = 132;
    private static final Inet4Address ZERO = address(new byte[4]);

    private final IpcpSettings settings;
    private final Supplier<Optional<Inet4Address>> assignPeer;
    private Inet4Address assignedPeer;
    private boolean noAddress;

    // client side: what we ask for, then what was acked
    private Inet4Address ourAddress;
    private Inet4Address dns1 = ZERO;
    private Inet4Address dns2 = ZERO;
    private boolean askDns1;
    private boolean askDns2;
    private Inet4Address peerAddress;

    /** @param assignPeer server: allocates the peer's address once; client: returns empty */
    public IpcpNegotiator(IpcpSettings settings, Supplier<Optional<Inet4Address>> assignPeer) {
        this.settings = settings;
        this.assignPeer = assignPeer;
        reset();
    }

    @Override
    public void reset() {
        ourAddress = settings.localAddress().orElse(ZERO);
        askDns1 = settings.requestDns();
        askDns2 = settings.requestDns();
        peerAddress = null;
    }

    @Override
    public List<PppOption> requestOptions() {
        List<PppOption> out = new ArrayList<>(3);
        out.add(new PppOption(IP_ADDRESS, ourAddress.getAddress()));
        if (askDns1) {
            out.add(new PppOption(PRIMARY_DNS, dns1.getAddress()));
        }
        if (askDns2) {
            out.add(new PppOption(SECONDARY_DNS, dns2.getAddress()));
        }
        return out;
    }

    @Override
    public RequestVerdict evaluate(List<PppOption> peer) {
        boolean server = settings.localAddress().isPresent();
        List<PppOption> reject = new ArrayList<>();
        List<PppOption> nak = new ArrayList<>();
        Inet4Address requested = null;
        for (PppOption o : peer) {
            switch (o.type()) {
                case IP_ADDRESS -> {
                    if (o.dataLength() != 4) {
                        reject.add(o);
                        continue;
                    }
                    Inet4Address a = address(o.data());
                    if (!server) {
                        if (a.equals(ZERO)) {
                            reject.add(o); // we cannot tell the server its own address
                        } else {
                            requested = a;
                        }
                        continue;
                    }
                    Inet4Address assigned = assigned();
                    if (assigned == null) {
                        reject.add(o); // pool exhausted: the link will close on noAddress()
                    } else if (!a.equals(assigned)) {
                        nak.add(new PppOption(IP_ADDRESS, assigned.getAddress())); // RFC 1332 3.3
                    } else {
                        requested = a;
                    }
                }
                case PRIMARY_DNS -> offer(o, settings.primaryDns(), reject, nak);
                case SECONDARY_DNS -> offer(o, settings.secondaryDns(), reject, nak);
                case PRIMARY_NBNS -> offer(o, settings.primaryNbns(), reject, nak);
                case SECONDARY_NBNS -> offer(o, settings.secondaryNbns(), reject, nak);
                default -> reject.add(o); // includes IP-Compression-Protocol: no VJ compression
            }
        }
        if (!reject.isEmpty()) {
            return new RequestVerdict.Reject(reject);
        }
        if (!nak.isEmpty()) {
            return new RequestVerdict.Nak(nak);
        }
        if (requested == null && server) {
            // RFC 1332 3.3: the peer did not ask; it gets the assigned address implicitly only
            // if we have one.
            requested = assigned();
        }
        peerAddress = requested;
        return RequestVerdict.ACK;
    }

    /** RFC 1877 section 1: Nak with our value, Reject when we have none to offer. */
    private static void offer(PppOption o, Optional<Inet4Address> ours, List<PppOption> reject, List<PppOption> nak) {
        if (ours.isEmpty() || o.dataLength() != 4) {
            reject.add(o);
        } else if (!address(o.data()).equals(ours.get())) {
            nak.add(new PppOption(o.type(), ours.get().getAddress()));
        }
    }

    private Inet4Address assigned() {
        if (assignedPeer == null && !noAddress) {
            Optional<Inet4Address> a = assignPeer.get();
            if (a.isPresent()) {
                assignedPeer = a.get();
            } else {
                noAddress = true;
            }
        }
        return assignedPeer;
    }

    @Override
    public void acked(List<PppOption> ours) {
        // values already hold what we asked for
    }

    @Override
    public void naked(List<PppOption> suggestions) {
        for (PppOption o : suggestions) {
            if (o.dataLength() != 4) {
                continue;
            }
            switch (o.type()) {
                case IP_ADDRESS -> {
                    if (settings.localAddress().isEmpty()) {
                        ourAddress = address(o.data());
                    }
                }
                case PRIMARY_DNS -> dns1 = address(o.data());
                case SECONDARY_DNS -> dns2 = address(o.data());
                default -> { }
            }
        }
    }

    @Override
    public void rejected(List<PppOption> refused) {
        for (PppOption o : refused) {
            switch (o.type()) {
                case PRIMARY_DNS -> askDns1 = false;
                case SECONDARY_DNS -> askDns2 = false;
                default -> { }
            }
        }
    }

    /** Server: the pool had no address for the peer. */
    public boolean noAddress() {
        return noAddress;
    }

    /** Server: the address allocated to the peer, to release when the link ends. */
    public Optional<Inet4Address> allocatedPeerAddress() {
        return Optional.ofNullable(assignedPeer);
    }

    public Inet4Address ourAddress() {
        return ourAddress;
    }

    public Optional<Inet4Address> peerAddress() {
        return Optional.ofNullable(peerAddress);
    }

    /** Client: the DNS servers the server gave us (0.0.0.0 entries omitted). */
    public List<Inet4Address> dnsServers() {
        List<Inet4Address> out = new ArrayList<>(2);
        if (askDns1 && !dns1.equals(ZERO)) {
            out.add(dns1);
        }
        if (askDns2 && !dns2.equals(ZERO)) {
            out.add(dns2);
        }
        return out;
    }

    /** The addresses in force once IPCP is Opened, for a rebuild elsewhere (patent, figure 7). */
    public IpcpOpenedAddresses openedAddresses() {
        if (peerAddress == null) {
            throw new IllegalStateException("IPCP has no peer address");
        }
        return new IpcpOpenedAddresses(ourAddress, peerAddress, assignedPeer != null, dnsServers());
    }

    /** Takes on the addresses of an Opened IPCP without negotiating them (the link is being rebuilt). */
    public void resume(IpcpOpenedAddresses addresses) {
        reset();
        ourAddress = addresses.ourAddress();
        peerAddress = addresses.peerAddress();
        assignedPeer = addresses.peerAddressFromPool() ? addresses.peerAddress() : null;
        List<Inet4Address> dns = addresses.dnsServers();
        askDns1 = !dns.isEmpty();
        dns1 = askDns1 ? dns.getFirst() : ZERO;
        askDns2 = dns.size() > 1;
        dns2 = askDns2 ? dns.get(1) : ZERO;
    }

    static Inet4Address address(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address", e);
        }
    }
}
