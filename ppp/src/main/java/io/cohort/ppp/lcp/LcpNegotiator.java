package io.cohort.ppp.lcp;

import io.cohort.ppp.automaton.OptionNegotiator;
import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.wire.PppOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * LCP option negotiation for either role. As authenticator it asks for the first method of
 * {@link LcpSettings#requireAuth()} and moves down the list when the peer Naks or Rejects; as
 * authenticatee it acks a method it accepts and Naks others with its own preference.
 * Negotiated values are read by the link after This-Layer-Up.
 */
public final class LcpNegotiator implements OptionNegotiator {
    private static final int MIN_MRU = 64;

    private final LcpSettings settings;
    private final RandomGenerator random;

    // our direction
    private int ourMagic;
    private int authIndex;
    private boolean sendMru;
    private int requestMru;
    private boolean sendMagic;
    private boolean sendPfc;
    private boolean sendAcfc;
    private boolean authImpossible;
    private int loopedMagic;

    // peer direction and agreed values
    private int peerMru;
    private int peerMagic;
    private boolean peerPfc;
    private boolean peerAcfc;
    private AuthMethod peerRequiresAuth;
    private AuthMethod weRequireAuth;

    public LcpNegotiator(LcpSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
        reset();
    }

    @Override
    public void reset() {
        ourMagic = nonZeroRandom();
        authIndex = 0;
        requestMru = settings.mru();
        sendMru = settings.mru() != LcpSettings.DEFAULT_MRU;
        sendMagic = true;
        sendPfc = true;
        sendAcfc = true;
        authImpossible = false;
        loopedMagic = 0;
        peerMru = LcpSettings.DEFAULT_MRU;
        peerMagic = 0;
        peerPfc = false;
        peerAcfc = false;
        peerRequiresAuth = null;
        weRequireAuth = null;
    }

    @Override
    public List<PppOption> requestOptions() {
        List<PppOption> out = new ArrayList<>(6);
        if (sendMru) {
            out.add(PppOption.ofU16(LcpOptionType.MAXIMUM_RECEIVE_UNIT.type(), requestMru));
        }
        if (authIndex < settings.requireAuth().size()) {
            out.add(settings.requireAuth().get(authIndex).option());
        }
        if (sendMagic) {
            out.add(PppOption.ofU32(LcpOptionType.MAGIC_NUMBER.type(), ourMagic & 0xFFFFFFFFL));
        }
        if (sendPfc) {
            out.add(PppOption.ofEmpty(LcpOptionType.PROTOCOL_FIELD_COMPRESSION.type()));
        }
        if (sendAcfc) {
            out.add(PppOption.ofEmpty(LcpOptionType.ADDRESS_AND_CONTROL_FIELD_COMPRESSION.type()));
        }
        return out;
    }

    @Override
    public RequestVerdict evaluate(List<PppOption> peer) {
        List<PppOption> reject = new ArrayList<>();
        List<PppOption> nak = new ArrayList<>();
        int mru = LcpSettings.DEFAULT_MRU;
        int magic = 0;
        boolean pfc = false;
        boolean acfc = false;
        AuthMethod auth = null;
        for (PppOption o : peer) {
            LcpOptionType type = LcpOptionType.of(o.type());
            if (type == null) {
                reject.add(o);
                continue;
            }
            switch (type) {
                case MAXIMUM_RECEIVE_UNIT -> {
                    if (o.dataLength() != 2) {
                        reject.add(o);
                    } else if (o.unsignedValue() < MIN_MRU) {
                        nak.add(PppOption.ofU16(o.type(), MIN_MRU));
                    } else {
                        mru = (int) o.unsignedValue();
                    }
                }
                case ASYNC_CONTROL_CHARACTER_MAP -> {
                    // Meaningless over L2TP/PPTP (no octet stuffing); accept any map (RFC 1662 7.1).
                    if (o.dataLength() != 4) {
                        reject.add(o);
                    }
                }
                case AUTHENTICATION_PROTOCOL -> {
                    AuthMethod m = AuthMethod.of(o);
                    if (settings.acceptAuth().isEmpty()) {
                        reject.add(o); // we authenticate nobody to the peer
                    } else if (m != null && settings.acceptAuth().contains(m)) {
                        auth = m;
                    } else {
                        nak.add(settings.acceptAuth().getFirst().option());
                    }
                }
                case MAGIC_NUMBER -> {
                    if (o.dataLength() != 4) {
                        reject.add(o);
                        continue;
                    }
                    int value = (int) o.unsignedValue();
                    if (value == 0) {
                        nak.add(PppOption.ofU32(o.type(), nonZeroRandom() & 0xFFFFFFFFL));
                    } else if (sendMagic && value == ourMagic) {
                        // RFC 1661 6.4: possibly looped back; both ends pick new numbers.
                        loopedMagic++;
                        ourMagic = nonZeroRandom();
                        nak.add(PppOption.ofU32(o.type(), nonZeroRandom() & 0xFFFFFFFFL));
                    } else {
                        magic = value;
                    }
                }
                case PROTOCOL_FIELD_COMPRESSION -> {
                    if (o.dataLength() != 0) {
                        reject.add(o);
                    } else {
                        pfc = true;
                    }
                }
                case ADDRESS_AND_CONTROL_FIELD_COMPRESSION -> {
                    if (o.dataLength() != 0) {
                        reject.add(o);
                    } else {
                        acfc = true;
                    }
                }
            }
        }
        if (!reject.isEmpty()) {
            return new RequestVerdict.Reject(reject);
        }
        if (!nak.isEmpty()) {
            return new RequestVerdict.Nak(nak);
        }
        if (magic != 0) {
            loopedMagic = 0;
        }
        peerMru = mru;
        peerMagic = magic;
        peerPfc = pfc;
        peerAcfc = acfc;
        peerRequiresAuth = auth;
        return RequestVerdict.ACK;
    }

    @Override
    public void acked(List<PppOption> ours) {
        weRequireAuth = authIndex < settings.requireAuth().size() ? settings.requireAuth().get(authIndex) : null;
    }

    @Override
    public void naked(List<PppOption> suggestions) {
        for (PppOption o : suggestions) {
            LcpOptionType type = LcpOptionType.of(o.type());
            if (type == null) {
                continue;
            }
            switch (type) {
                case MAXIMUM_RECEIVE_UNIT -> {
                    if (o.dataLength() == 2 && o.unsignedValue() >= MIN_MRU) {
                        requestMru = (int) o.unsignedValue();
                        sendMru = true;
                    }
                }
                case AUTHENTICATION_PROTOCOL -> switchAuth(AuthMethod.of(o));
                case MAGIC_NUMBER -> {
                    if (o.dataLength() == 4 && (int) o.unsignedValue() == ourMagic) {
                        loopedMagic++; // the peer Naks our number with our number: looped back
                    }
                    ourMagic = nonZeroRandom();
                }
                default -> { }
            }
        }
    }

    private void switchAuth(AuthMethod suggested) {
        List<AuthMethod> ours = settings.requireAuth();
        int i = suggested == null ? -1 : ours.indexOf(suggested);
        if (i >= 0) {
            authIndex = i;
        } else {
            authIndex++;
        }
        authImpossible = authIndex >= ours.size() && !ours.isEmpty();
    }

    @Override
    public void rejected(List<PppOption> refused) {
        for (PppOption o : refused) {
            LcpOptionType type = LcpOptionType.of(o.type());
            if (type == null) {
                continue;
            }
            switch (type) {
                case MAXIMUM_RECEIVE_UNIT -> sendMru = false;
                case AUTHENTICATION_PROTOCOL -> {
                    if (!settings.requireAuth().isEmpty()) {
                        authImpossible = true; // the peer refuses to authenticate at all
                        authIndex = settings.requireAuth().size();
                    }
                }
                case MAGIC_NUMBER -> sendMagic = false;
                case PROTOCOL_FIELD_COMPRESSION -> sendPfc = false;
                case ADDRESS_AND_CONTROL_FIELD_COMPRESSION -> sendAcfc = false;
                default -> { }
            }
        }
    }

    private int nonZeroRandom() {
        int v;
        do {
            v = random.nextInt();
        } while (v == 0);
        return v;
    }

    /** We required authentication but the peer would take none of our methods. */
    public boolean authImpossible() {
        return authImpossible;
    }

    /** Magic-Number collisions in a row beyond the configured limit: the line loops back. */
    public boolean loopedBack() {
        return loopedMagic >= settings.maxLoopedMagic();
    }

    /** Our magic number, or 0 if the peer rejected the option. */
    public int ourMagic() {
        return sendMagic ? ourMagic : 0;
    }

    public int peerMagic() {
        return peerMagic;
    }

    /** The largest frame the peer will receive. */
    public int peerMru() {
        return peerMru;
    }

    /** The peer accepts frames without FF 03 (we acked its ACFC). */
    public boolean peerAcceptsAcfc() {
        return peerAcfc;
    }

    /** The peer accepts one-octet protocol fields (we acked its PFC). */
    public boolean peerAcceptsPfc() {
        return peerPfc;
    }

    /** The method the peer asked us to authenticate with (client role), or null. */
    public AuthMethod peerRequiresAuth() {
        return peerRequiresAuth;
    }

    /** The method the peer agreed to authenticate with (server role), or null. */
    public AuthMethod weRequireAuth() {
        return weRequireAuth;
    }

    /** The values in force once LCP is Opened, for a rebuild elsewhere (patent, figure 7). */
    public LcpOpenedOptions openedOptions() {
        return new LcpOpenedOptions(ourMagic(), peerMagic, peerMru, peerPfc, peerAcfc,
                Optional.ofNullable(weRequireAuth), Optional.ofNullable(peerRequiresAuth));
    }

    /** Takes on the values of an Opened LCP without negotiating them (the link is being rebuilt). */
    public void resume(LcpOpenedOptions options) {
        reset();
        sendMagic = options.ourMagic() != 0;
        ourMagic = options.ourMagic();
        peerMagic = options.peerMagic();
        peerMru = options.peerMru();
        peerPfc = options.peerAcceptsPfc();
        peerAcfc = options.peerAcceptsAcfc();
        weRequireAuth = options.weRequireAuth().orElse(null);
        peerRequiresAuth = options.peerRequiresAuth().orElse(null);
    }
}
