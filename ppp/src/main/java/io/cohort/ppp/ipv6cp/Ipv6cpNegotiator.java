package io.cohort.ppp.ipv6cp;

import io.cohort.ppp.automaton.OptionNegotiator;
import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.wire.PppOption;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * IPV6CP's Interface-Identifier option (RFC 5072 section 4.1): each end proposes a non-zero
 * 64-bit identifier; a zero or colliding proposal is Nak'd with a fresh unique suggestion.
 * Identifiers are random, so their "u" (universal/local) bit is always zero, ours and the ones
 * we suggest alike (4.1). Once the peer rejects the option we stop asking for it.
 * IPv6-Compression-Protocol (4.2) is rejected.
 */
public final class Ipv6cpNegotiator implements OptionNegotiator {
    public static final int INTERFACE_IDENTIFIER = 1;
    /** Bit 6 in canonical order, counting from the most significant bit 0 (RFC 5072 4.1). */
    static final long UNIVERSAL_LOCAL_BIT = 1L << 57;

    private final RandomGenerator random;
    private long ourId;
    private long peerId;
    private boolean sendId;

    public Ipv6cpNegotiator(RandomGenerator random) {
        this.random = random;
        reset();
    }

    @Override
    public void reset() {
        ourId = fresh(0);
        peerId = 0;
        sendId = true;
    }

    @Override
    public List<PppOption> requestOptions() {
        return sendId ? List.of(option(ourId)) : List.of();
    }

    @Override
    public RequestVerdict evaluate(List<PppOption> peer) {
        List<PppOption> reject = new ArrayList<>();
        List<PppOption> nak = new ArrayList<>();
        long proposed = 0;
        for (PppOption o : peer) {
            if (o.type() != INTERFACE_IDENTIFIER || o.dataLength() != 8) {
                reject.add(o);
                continue;
            }
            long id = o.unsignedValue();
            if (id == 0 || id == ourId) {
                nak.add(option(fresh(ourId)));
            } else {
                proposed = id;
            }
        }
        if (!reject.isEmpty()) {
            return new RequestVerdict.Reject(reject);
        }
        if (!nak.isEmpty()) {
            return new RequestVerdict.Nak(nak);
        }
        peerId = proposed;
        return RequestVerdict.ACK;
    }

    @Override
    public void acked(List<PppOption> ours) {
    }

    @Override
    public void naked(List<PppOption> suggestions) {
        for (PppOption o : suggestions) {
            if (o.type() == INTERFACE_IDENTIFIER && o.dataLength() == 8) {
                long suggested = o.unsignedValue();
                // 4.1: take the suggestion if it is usable, else pick another ourselves.
                ourId = suggested != 0 && suggested != peerId ? suggested : fresh(peerId);
            }
        }
    }

    @Override
    public void rejected(List<PppOption> refused) {
        for (PppOption o : refused) {
            if (o.type() == INTERFACE_IDENTIFIER) {
                sendId = false; // 4.1: MUST NOT ask again after a valid Configure-Reject
            }
        }
    }

    public long ourInterfaceId() {
        return ourId;
    }

    public long peerInterfaceId() {
        return peerId;
    }

    /** The identifiers in force once IPV6CP is Opened, for a rebuild elsewhere (patent, figure 7). */
    public Ipv6cpInterfaceIds interfaceIds() {
        return new Ipv6cpInterfaceIds(ourId, peerId);
    }

    /** Takes on the identifiers of an Opened IPV6CP without negotiating them (the link is being rebuilt). */
    public void resume(Ipv6cpInterfaceIds ids) {
        reset();
        ourId = ids.ours();
        peerId = ids.peer();
    }

    private long fresh(long avoid) {
        long v;
        do {
            v = random.nextLong() & ~UNIVERSAL_LOCAL_BIT;
        } while (v == 0 || v == avoid);
        return v;
    }

    private static PppOption option(long id) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (id >>> (56 - 8 * i));
        }
        return new PppOption(INTERFACE_IDENTIFIER, b);
    }
}
