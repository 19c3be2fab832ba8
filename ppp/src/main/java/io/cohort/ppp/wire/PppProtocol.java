package io.cohort.ppp.wire;

/** PPP protocol field values used by Cohort (RFC 1661 section 2, IANA PPP DLL numbers). */
public enum PppProtocol {
    IPV4(0x0021),
    IPV6(0x0057),
    CCP(0x80FD),
    IPCP(0x8021),
    IPV6CP(0x8057),
    LCP(0xC021),
    PAP(0xC023),
    CHAP(0xC223);

    private final int number;

    PppProtocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The protocol with this number, or null if Cohort does not speak it. */
    public static PppProtocol of(int number) {
        return switch (number) {
            case 0x0021 -> IPV4;
            case 0x0057 -> IPV6;
            case 0x80FD -> CCP;
            case 0x8021 -> IPCP;
            case 0x8057 -> IPV6CP;
            case 0xC021 -> LCP;
            case 0xC023 -> PAP;
            case 0xC223 -> CHAP;
            default -> null;
        };
    }
}
