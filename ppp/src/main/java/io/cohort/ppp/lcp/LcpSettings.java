package io.cohort.ppp.lcp;

import java.util.List;

/**
 * What this end wants from LCP. {@code requireAuth} lists, in preference order, the methods the
 * authenticator (server) asks for; {@code acceptAuth} lists those the authenticatee (client)
 * agrees to. {@code maxLoopedMagic} is how many Magic-Number collisions in a row mean the link
 * is looped back (RFC 1661 6.4).
 */
public record LcpSettings(int mru, List<AuthMethod> requireAuth, List<AuthMethod> acceptAuth, int maxLoopedMagic) {
    public static final int DEFAULT_MRU = 1500;

    public LcpSettings {
        if (mru < 64 || mru > 65535) {
            throw new IllegalArgumentException("MRU out of range: " + mru);
        }
        requireAuth = List.copyOf(requireAuth);
        acceptAuth = List.copyOf(acceptAuth);
    }
}
