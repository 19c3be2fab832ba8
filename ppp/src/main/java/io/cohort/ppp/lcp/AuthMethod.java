package io.cohort.ppp.lcp;

import io.cohort.ppp.wire.PppOption;

/** Authentication methods as negotiated in LCP's Authentication-Protocol option (RFC 1661 6.2). */
public enum AuthMethod {
    /** RFC 1334: protocol c023, no data. */
    PAP(0xC023, -1),
    /** RFC 1994: protocol c223, algorithm 5 (MD5). */
    CHAP_MD5(0xC223, 0x05),
    /** RFC 2759: protocol c223, algorithm 0x81. */
    MSCHAP_V2(0xC223, 0x81);

    private final int protocol;
    private final int algorithm;

    AuthMethod(int protocol, int algorithm) {
        this.protocol = protocol;
        this.algorithm = algorithm;
    }

    public int protocol() {
        return protocol;
    }

    public PppOption option() {
        int type = LcpOptionType.AUTHENTICATION_PROTOCOL.type();
        if (algorithm < 0) {
            return PppOption.ofU16(type, protocol);
        }
        return new PppOption(type, new byte[] {(byte) (protocol >>> 8), (byte) protocol, (byte) algorithm});
    }

    /** The method an Authentication-Protocol option names, or null if unsupported. */
    public static AuthMethod of(PppOption option) {
        int n = option.dataLength();
        if (n < 2) {
            return null;
        }
        int protocol = (option.octet(0) << 8) | option.octet(1);
        for (AuthMethod m : values()) {
            if (m.protocol == protocol && (m.algorithm < 0 ? n == 2 : n == 3 && option.octet(2) == m.algorithm)) {
                return m;
            }
        }
        return null;
    }
}
