package io.cohort.ppp.lcp;

import java.util.Optional;

/**
 * The LCP options in force on an Opened link that its traffic depends on (RFC 1661 section 6):
 * our and the peer's Magic-Number (6.4; ours is 0 if the peer rejected it; Echo-Requests and
 * Echo-Replies carry ours, 5.8), the peer's MRU (6.1), whether the peer accepts compressed
 * protocol and address/control fields (6.5, 6.6), and the authentication protocol (6.2) we
 * require of the peer or the peer requires of us. Initial state (patent, figure 7): fixed until
 * LCP renegotiates. Not carried: our own MRU and whether the peer compresses towards us (our
 * decoder takes every form, RFC 1661 6.5), and the ACCM, which is accepted but meaningless over
 * L2TP and PPTP (RFC 1662 7.1). About 16 octets.
 */
public record LcpOpenedOptions(int ourMagic, int peerMagic, int peerMru, boolean peerAcceptsPfc,
                               boolean peerAcceptsAcfc, Optional<AuthMethod> weRequireAuth,
                               Optional<AuthMethod> peerRequiresAuth) {
}
