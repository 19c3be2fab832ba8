package io.cohort.ppp.automaton;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.IpcpNegotiator;
import io.cohort.ppp.ipv6cp.Ipv6cpNegotiator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.lcp.LcpNegotiator;
import io.cohort.ppp.lcp.LcpSettings;
import io.cohort.ppp.wire.PppOption;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * RFC 1661 5.3/5.4 properties of the LCP, IPCP and IPV6CP negotiators, over arbitrary peer
 * requests (known option types with right and wrong lengths, unknown types): a Configure-Reject
 * echoes a subsequence of the request unchanged; a peer that takes our Rejects and Naks into its
 * next request is acked within a few rounds.
 */
class NegotiatorPropertiesTest {
    enum Kind { LCP_SERVER, LCP_CLIENT, IPCP_SERVER, IPV6CP }

    static OptionNegotiator negotiator(Kind kind, long seed) {
        Random random = new Random(seed);
        return switch (kind) {
            case LCP_SERVER -> new LcpNegotiator(new LcpSettings(1500, List.of(AuthMethod.MSCHAP_V2), List.of(), 5),
                    random);
            case LCP_CLIENT -> new LcpNegotiator(new LcpSettings(1500, List.of(),
                    List.of(AuthMethod.MSCHAP_V2, AuthMethod.PAP), 5), random);
            case IPCP_SERVER -> new IpcpNegotiator(new IpcpSettings(Optional.of(ip("10.0.0.1")),
                    Optional.of(ip("192.0.2.53")), Optional.empty(), Optional.empty(), Optional.empty(), false),
                    () -> Optional.of(ip("10.0.0.2")));
            case IPV6CP -> new Ipv6cpNegotiator(random);
        };
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Property(tries = 500)
    void aRejectEchoesASubsequenceOfTheRequestUnchanged(@ForAll Kind kind, @ForAll("requests") List<PppOption> request,
                                                       @ForAll long seed) {
        if (negotiator(kind, seed).evaluate(request) instanceof RequestVerdict.Reject reject) {
            assertThat(reject.options()).isNotEmpty();
            assertThat(isSubsequence(reject.options(), request)).as("%s in %s", reject.options(), request).isTrue();
        }
    }

    @Property(tries = 500)
    void aPeerThatFollowsOurAnswersIsAckedWithinThreeRounds(@ForAll Kind kind,
                                                           @ForAll("requests") List<PppOption> request,
                                                           @ForAll long seed) {
        OptionNegotiator n = negotiator(kind, seed);
        List<PppOption> next = new ArrayList<>(request);
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            RequestVerdict v = n.evaluate(next);
            rounds.add(v.toString());
            switch (v) {
                case RequestVerdict.Ack ack -> {
                    return;
                }
                case RequestVerdict.Reject reject -> next.removeAll(reject.options());
                case RequestVerdict.Nak nak -> {
                    for (PppOption suggested : nak.options()) {
                        next.removeIf(o -> o.type() == suggested.type());
                        next.add(suggested);
                    }
                }
            }
        }
        throw new AssertionError("no Ack after three rounds for " + request + ": " + rounds);
    }

    private static boolean isSubsequence(List<PppOption> part, List<PppOption> whole) {
        int i = 0;
        for (PppOption o : whole) {
            if (i < part.size() && part.get(i).equals(o)) {
                i++;
            }
        }
        return i == part.size();
    }

    @Provide
    Arbitrary<List<PppOption>> requests() {
        Arbitrary<Integer> types = Arbitraries.oneOf(Arbitraries.of(1, 2, 3, 4, 5, 7, 8, 13, 129, 130, 131, 132),
                Arbitraries.integers().between(0, 255));
        Arbitrary<byte[]> data = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(0),
                Arbitraries.bytes().array(byte[].class).ofSize(2),
                Arbitraries.bytes().array(byte[].class).ofSize(3),
                Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(8),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(12),
                Arbitraries.of(new byte[4], new byte[8], new byte[] {(byte) 0xc0, 0x23},
                        new byte[] {(byte) 0xc2, 0x23, (byte) 0x81}, new byte[] {0x05, (byte) 0xdc}));
        Supplier<Arbitrary<PppOption>> option = () -> Combinators.combine(types, data).as(PppOption::new);
        // One option of a type at most: RFC 1661 does not let a request repeat an option.
        return option.get().list().ofMaxSize(6).uniqueElements(PppOption::type);
    }
}
