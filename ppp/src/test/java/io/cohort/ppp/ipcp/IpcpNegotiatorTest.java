package io.cohort.ppp.ipcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.automaton.AutomatonState;
import io.cohort.ppp.automaton.ExtendedCodes;
import io.cohort.ppp.automaton.LayerEvents;
import io.cohort.ppp.automaton.OptionAutomaton;
import io.cohort.ppp.automaton.ExpectedVerdict;
import io.cohort.ppp.automaton.RequestVerdict;
import io.cohort.ppp.automaton.RestartPolicy;
import io.cohort.ppp.wire.ControlCode;
import io.cohort.ppp.wire.ControlPacket;
import io.cohort.ppp.wire.DecodeResult;
import io.cohort.ppp.wire.PppOption;
import io.cohort.telemetry.Counters;
import io.cohort.time.VirtualScheduler;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * IPCP option negotiation (RFC 1332 section 3, RFC 1877), table-driven for the server (address
 * 10.0.0.1, pool hands out 10.0.0.2, DNS 192.0.2.53 and .54, primary NBNS 192.0.2.137, no
 * secondary NBNS) and the client.
 */
class IpcpNegotiatorTest {
    private static final IpcpSettings SERVER = new IpcpSettings(Optional.of(ip("10.0.0.1")),
            Optional.of(ip("192.0.2.53")), Optional.of(ip("192.0.2.54")), Optional.of(ip("192.0.2.137")),
            Optional.empty(), false);

    private static final LayerEvents NO_LAYER_EVENTS = new LayerEvents() {
        @Override public void up() { }
        @Override public void down() { }
        @Override public void started() { }
        @Override public void finished() { }
    };

    static Inet4Address ip(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static PppOption opt(int type, String hex) {
        return new PppOption(type, HexFormat.of().parseHex(hex));
    }

    static PppOption addr(int type, String dotted) {
        return new PppOption(type, ip(dotted).getAddress());
    }

    static IpcpNegotiator server() {
        return new IpcpNegotiator(SERVER, () -> Optional.of(ip("10.0.0.2")));
    }

    static Stream<Arguments> serverAnswers() {
        Consumer<IpcpNegotiator> nothing = n -> { };
        return Stream.of(
                Arguments.of("peer asks 0.0.0.0: Nak with the assigned address", List.of(addr(3, "0.0.0.0")),
                        ExpectedVerdict.NAK, List.of(addr(3, "10.0.0.2")),
                        (Consumer<IpcpNegotiator>) n -> assertThat(n.peerAddress()).isEmpty()),
                Arguments.of("peer asks another address: Nak with the assigned one", List.of(addr(3, "10.9.9.9")),
                        ExpectedVerdict.NAK, List.of(addr(3, "10.0.0.2")), nothing),
                Arguments.of("peer asks the assigned address: Ack", List.of(addr(3, "10.0.0.2")), ExpectedVerdict.ACK,
                        List.of(), (Consumer<IpcpNegotiator>) n -> {
                            assertThat(n.peerAddress()).contains(ip("10.0.0.2"));
                            assertThat(n.allocatedPeerAddress()).contains(ip("10.0.0.2"));
                            assertThat(n.ourAddress()).isEqualTo(ip("10.0.0.1"));
                        }),
                Arguments.of("IP-Address of three octets: Reject", List.of(opt(3, "0a0000")), ExpectedVerdict.REJECT,
                        List.of(opt(3, "0a0000")), nothing),
                Arguments.of("no IP-Address option: Ack, the assigned address applies",
                        List.of(addr(129, "192.0.2.53")), ExpectedVerdict.ACK, List.of(),
                        (Consumer<IpcpNegotiator>) n -> assertThat(n.peerAddress()).contains(ip("10.0.0.2"))),
                Arguments.of("Primary DNS 0.0.0.0: Nak with ours", List.of(addr(129, "0.0.0.0")), ExpectedVerdict.NAK,
                        List.of(addr(129, "192.0.2.53")), nothing),
                Arguments.of("Secondary DNS 0.0.0.0: Nak with ours", List.of(addr(131, "0.0.0.0")), ExpectedVerdict.NAK,
                        List.of(addr(131, "192.0.2.54")), nothing),
                Arguments.of("Primary NBNS 0.0.0.0: Nak with ours", List.of(addr(130, "0.0.0.0")), ExpectedVerdict.NAK,
                        List.of(addr(130, "192.0.2.137")), nothing),
                Arguments.of("Secondary NBNS with none configured: Reject", List.of(addr(132, "0.0.0.0")),
                        ExpectedVerdict.REJECT, List.of(addr(132, "0.0.0.0")), nothing),
                Arguments.of("DNS of two octets: Reject", List.of(opt(129, "0000")), ExpectedVerdict.REJECT,
                        List.of(opt(129, "0000")), nothing),
                Arguments.of("client's usual first request: one Nak with every value",
                        List.of(addr(3, "0.0.0.0"), addr(129, "0.0.0.0"), addr(131, "0.0.0.0")), ExpectedVerdict.NAK,
                        List.of(addr(3, "10.0.0.2"), addr(129, "192.0.2.53"), addr(131, "192.0.2.54")), nothing),
                Arguments.of("client's second request: Ack",
                        List.of(addr(3, "10.0.0.2"), addr(129, "192.0.2.53"), addr(131, "192.0.2.54")), ExpectedVerdict.ACK,
                        List.of(), (Consumer<IpcpNegotiator>) n -> assertThat(n.peerAddress()).contains(ip("10.0.0.2"))),
                Arguments.of("IP-Compression-Protocol (Van Jacobson): Reject", List.of(opt(2, "002d0f01")),
                        ExpectedVerdict.REJECT, List.of(opt(2, "002d0f01")), nothing),
                Arguments.of("deprecated IP-Addresses (1): Reject", List.of(opt(1, "0a0000020a000001")),
                        ExpectedVerdict.REJECT, List.of(opt(1, "0a0000020a000001")), nothing),
                Arguments.of("Reject wins over Nak", List.of(addr(3, "0.0.0.0"), opt(2, "002d0f01")), ExpectedVerdict.REJECT,
                        List.of(opt(2, "002d0f01")), nothing));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverAnswers")
    void serverAnswersThePeer(String name, List<PppOption> peer, ExpectedVerdict answer, List<PppOption> options,
                              Consumer<IpcpNegotiator> then) {
        IpcpNegotiator n = server();
        RequestVerdict v = n.evaluate(peer);
        answer.assertMatches(v, options);
        then.accept(n);
    }

    @Test
    void serverRequestsItsOwnAddressOnly() {
        assertThat(server().requestOptions()).containsExactly(addr(3, "10.0.0.1"));
    }

    @Test
    void thePoolIsAskedOnceEvenAcrossRequests() {
        List<Inet4Address> handed = new ArrayList<>();
        IpcpNegotiator n = new IpcpNegotiator(SERVER, () -> {
            handed.add(ip("10.0.0." + (2 + handed.size())));
            return Optional.of(handed.getLast());
        });
        n.evaluate(List.of(addr(3, "0.0.0.0")));
        n.evaluate(List.of(addr(3, "0.0.0.0")));
        n.reset();
        assertThat(n.evaluate(List.of(addr(3, "10.0.0.2")))).isInstanceOf(RequestVerdict.Ack.class);
        assertThat(handed).containsExactly(ip("10.0.0.2"));
    }

    @Test
    void anExhaustedPoolRejectsTheAddressAndSaysSo() {
        IpcpNegotiator n = new IpcpNegotiator(SERVER, Optional::empty);
        assertThat(n.evaluate(List.of(addr(3, "0.0.0.0"))))
                .isEqualTo(new RequestVerdict.Reject(List.of(addr(3, "0.0.0.0"))));
        assertThat(n.noAddress()).isTrue();
        assertThat(n.allocatedPeerAddress()).isEmpty();
    }

    /** RFC 1661 4.6 Max-Failure: a peer that insists on its own address gets a Reject in the end. */
    @Test
    void aPeerInsistingOnAWrongAddressIsRejectedAfterMaxFailureNaks() {
        RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(3), 2, 10, 3);
        List<ControlPacket> sent = new ArrayList<>();
        OptionAutomaton ipcp = new OptionAutomaton("ipcp", policy, new VirtualScheduler(), server(), NO_LAYER_EVENTS,
                ExtendedCodes.NONE, sent::add, new Counters());
        ipcp.open();
        ipcp.up();
        sent.clear();
        for (int id = 1; id <= 4; id++) {
            ipcp.receive(new ControlPacket(ControlCode.CONFIGURE_REQUEST, id,
                    PppOption.encodeAll(List.of(addr(3, "10.9.9.9")))));
        }
        assertThat(sent).extracting(ControlPacket::code).containsExactly(3, 3, 3, 4);
        assertThat(options(sent.getLast())).containsExactly(addr(3, "10.9.9.9"));
        assertThat(options(sent.getFirst())).containsExactly(addr(3, "10.0.0.2"));
        assertThat(ipcp.state()).isEqualTo(AutomatonState.REQ_SENT);
    }

    // ---- client side ----

    @Test
    void clientAsksWithZerosThenTakesTheNakdValues() {
        IpcpNegotiator n = new IpcpNegotiator(IpcpSettings.client(true), Optional::empty);
        assertThat(n.requestOptions())
                .containsExactly(addr(3, "0.0.0.0"), addr(129, "0.0.0.0"), addr(131, "0.0.0.0"));
        n.naked(List.of(addr(3, "10.0.0.2"), addr(129, "192.0.2.53"), addr(131, "192.0.2.54")));
        assertThat(n.requestOptions())
                .containsExactly(addr(3, "10.0.0.2"), addr(129, "192.0.2.53"), addr(131, "192.0.2.54"));
        n.acked(n.requestOptions());
        assertThat(n.ourAddress()).isEqualTo(ip("10.0.0.2"));
        assertThat(n.dnsServers()).containsExactly(ip("192.0.2.53"), ip("192.0.2.54"));
    }

    @Test
    void clientStopsAskingForRejectedDnsServers() {
        IpcpNegotiator n = new IpcpNegotiator(IpcpSettings.client(true), Optional::empty);
        n.naked(List.of(addr(129, "192.0.2.53")));
        n.rejected(List.of(addr(131, "0.0.0.0")));
        assertThat(n.requestOptions()).containsExactly(addr(3, "0.0.0.0"), addr(129, "192.0.2.53"));
        assertThat(n.dnsServers()).containsExactly(ip("192.0.2.53"));
    }

    @Test
    void clientAcksTheServersAddressAndRejectsZero() {
        IpcpNegotiator n = new IpcpNegotiator(IpcpSettings.client(false), Optional::empty);
        assertThat(n.evaluate(List.of(addr(3, "0.0.0.0"))))
                .isEqualTo(new RequestVerdict.Reject(List.of(addr(3, "0.0.0.0"))));
        assertThat(n.evaluate(List.of(addr(3, "10.0.0.1")))).isInstanceOf(RequestVerdict.Ack.class);
        assertThat(n.peerAddress()).contains(ip("10.0.0.1"));
        assertThat(n.requestOptions()).containsExactly(addr(3, "0.0.0.0"));
    }

    private static List<PppOption> options(ControlPacket p) {
        return ((DecodeResult.Ok<List<PppOption>>) PppOption.decodeAll(p.data())).value();
    }

    @Test
    void openedAddressesResumeElsewhere() {
        IpcpNegotiator n = server();
        n.evaluate(List.of(addr(3, "10.0.0.2")));
        IpcpOpenedAddresses opened = n.openedAddresses();
        assertThat(opened).isEqualTo(new IpcpOpenedAddresses(ip("10.0.0.1"), ip("10.0.0.2"), true, List.of()));

        IpcpNegotiator elsewhere = new IpcpNegotiator(SERVER, () -> Optional.of(ip("10.9.9.9")));
        elsewhere.resume(opened);

        assertThat(elsewhere.openedAddresses()).isEqualTo(opened);
        assertThat(elsewhere.allocatedPeerAddress()).contains(ip("10.0.0.2"));
    }

    @Test
    void aClientResumesWithTheDnsServersItWasGiven() {
        IpcpOpenedAddresses opened = new IpcpOpenedAddresses(ip("10.0.0.2"), ip("10.0.0.1"), false,
                List.of(ip("192.0.2.53"), ip("192.0.2.54")));
        IpcpNegotiator client = new IpcpNegotiator(IpcpSettings.client(true), Optional::empty);

        client.resume(opened);

        assertThat(client.openedAddresses()).isEqualTo(opened);
        assertThat(client.dnsServers()).containsExactly(ip("192.0.2.53"), ip("192.0.2.54"));
        assertThat(client.allocatedPeerAddress()).isEmpty();
    }
}
