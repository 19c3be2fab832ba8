package io.cohort.ppp.automaton;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.ipcp.IpcpSettings;
import io.cohort.ppp.ipcp.IpcpNegotiator;
import io.cohort.ppp.ipv6cp.Ipv6cpNegotiator;
import io.cohort.ppp.lcp.AuthMethod;
import io.cohort.ppp.lcp.LcpNegotiator;
import io.cohort.ppp.lcp.LcpSettings;
import io.cohort.ppp.wire.PppOption;
import io.cohort.testsupport.FailingCaseReport;
import io.cohort.testsupport.RandomValues;
import io.cohort.testsupport.SeededCases;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 1661 5.3/5.4 properties of the LCP, IPCP and IPV6CP negotiators, over arbitrary peer
 * requests (known option types with right and wrong lengths, unknown types): a Configure-Reject
 * echoes a subsequence of the request unchanged; a peer that takes our Rejects and Naks into its
 * next request is acked within a few rounds.
 */
@ExtendWith(FailingCaseReport.class)
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

    static Stream<Arguments> kindsRequestsAndSeeds() {
        return SeededCases.of(500, r -> Arguments.of(r.oneOf(Kind.class), request(r), r.anyLong()));
    }

    @ParameterizedTest
    @MethodSource("kindsRequestsAndSeeds")
    void aRejectEchoesASubsequenceOfTheRequestUnchanged(Kind kind, List<PppOption> request, long seed) {
        if (negotiator(kind, seed).evaluate(request) instanceof RequestVerdict.Reject reject) {
            assertThat(reject.options()).isNotEmpty();
            assertThat(isSubsequence(reject.options(), request)).as("%s in %s", reject.options(), request).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kindsRequestsAndSeeds")
    void aPeerThatFollowsOurAnswersIsAckedWithinThreeRounds(Kind kind, List<PppOption> request, long seed) {
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

    /** Known option types (half of the time) or any, with right and wrong lengths and typical values. */
    static PppOption option(RandomValues r) {
        int type = r.bool() ? r.oneOf(1, 2, 3, 4, 5, 7, 8, 13, 129, 130, 131, 132) : r.intBetween(0, 255);
        byte[] data = switch (r.intBetween(0, 6)) {
            case 0 -> r.bytes(0);
            case 1 -> r.bytes(2);
            case 2 -> r.bytes(3);
            case 3 -> r.bytes(4);
            case 4 -> r.bytes(8);
            case 5 -> r.bytes(0, 12);
            default -> r.oneOf(new byte[4], new byte[8], new byte[] {(byte) 0xc0, 0x23},
                    new byte[] {(byte) 0xc2, 0x23, (byte) 0x81}, new byte[] {0x05, (byte) 0xdc}).clone();
        };
        return new PppOption(type, data);
    }

    /** One option of a type at most: RFC 1661 does not let a request repeat an option. */
    static List<PppOption> request(RandomValues r) {
        return r.uniqueListOf(0, 6, NegotiatorPropertiesTest::option, PppOption::type);
    }
}
