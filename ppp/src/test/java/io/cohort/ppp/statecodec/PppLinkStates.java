package io.cohort.ppp.statecodec;

import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.ipcp.IpcpOpenedAddresses;
import io.cohort.ppp.ipv6cp.Ipv6cpInterfaceIds;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.lcp.LcpOpenedOptions;
import io.cohort.ppp.mppe.MppeDecryptorState;
import io.cohort.ppp.mppe.MppeEncryptorState;
import io.cohort.ppp.mppe.MppeMode;
import io.cohort.ppp.mppe.MppeStrength;
import io.cohort.testsupport.RandomValues;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Random valid PPP link state records for the codec's properties. */
final class PppLinkStates {
    private PppLinkStates() {}

    static PppLinkInitialState initial(RandomValues r) {
        LcpOpenedOptions lcp = new LcpOpenedOptions(r.anyInt(), r.anyInt(), r.intBetween(0, 0xFFFF), r.bool(),
                r.bool(), optional(r, r.oneOf(AuthMethod.class)), optional(r, r.oneOf(AuthMethod.class)));
        Optional<String> user = optional(r, userName(r));
        IpcpOpenedAddresses ipcp = new IpcpOpenedAddresses(ipv4(r), ipv4(r), r.bool(),
                r.listOf(0, 2, PppLinkStates::ipv4));
        Optional<Ipv6cpInterfaceIds> ipv6cp = optional(r, new Ipv6cpInterfaceIds(r.anyLong(), r.anyLong()));
        boolean mppe = r.bool();
        Optional<MppeMode> mode = mppe ? Optional.of(new MppeMode(r.oneOf(MppeStrength.class), r.bool())) : Optional.empty();
        Optional<MppeKeyMaterial> keys = mppe ? Optional.of(new MppeKeyMaterial(r.bytes(16))) : Optional.empty();
        return new PppLinkInitialState(lcp, user, ipcp, ipv6cp, mode, keys);
    }

    static PppLinkEssentialState essential(RandomValues r) {
        if (r.chance(0.2)) {
            return PppLinkEssentialState.NONE;
        }
        int keyLength = r.oneOf(MppeStrength.class).keyLength();
        return new PppLinkEssentialState(
                Optional.of(new MppeEncryptorState(r.intBetween(0, 4095), r.bytes(keyLength),
                        r.longBetween(0, Long.MAX_VALUE), r.bool())),
                Optional.of(new MppeDecryptorState(r.intBetween(0, 4095), r.bytes(keyLength),
                        r.longBetween(0, Long.MAX_VALUE), r.bool())));
    }

    /** Names from ASCII, Latin-1, CJK and, now and then, characters beyond the BMP (surrogate pairs). */
    static String userName(RandomValues r) {
        String name = r.string(0, 60, s -> switch (s.intBetween(0, 3)) {
            case 0 -> s.charBetween('\u00a0', '\u00ff');
            case 1 -> s.charBetween('\u4e00', '\u9fa5');
            default -> s.charBetween('!', '~');
        });
        return r.chance(0.2) ? name + Character.toString(0x1F600 + r.intBetween(0, 60)) : name;
    }

    static Inet4Address ipv4(RandomValues r) {
        try {
            return (Inet4Address) InetAddress.getByAddress(r.bytes(4));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> Optional<T> optional(RandomValues r, T value) {
        return r.bool() ? Optional.of(value) : Optional.empty();
    }
}
