package io.cohort.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.ppp.lcp.AuthMethod;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PppLinkTest {
    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void serverAndClientReachNetworkPhaseAndPassPackets(AuthMethod method) {
        BackToBack b = new BackToBack(List.of(method), List.of(AuthMethod.values()), "wonderland", 1);
        b.start();
        b.run(Duration.ofSeconds(1));

        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.client.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.serverEvents.authenticated).isEqualTo("alice");
        assertThat(b.clientEvents.authenticated).isEqualTo("alice");
        assertThat(b.clientEvents.local).isEqualTo(BackToBack.ip("10.0.0.2"));
        assertThat(b.clientEvents.peer).isEqualTo(BackToBack.ip("10.0.0.1"));
        assertThat(b.serverEvents.peer).isEqualTo(BackToBack.ip("10.0.0.2"));
        assertThat(b.client.snapshot().dnsServers())
                .containsExactly(BackToBack.ip("192.0.2.53"), BackToBack.ip("192.0.2.54"));
        assertThat(b.serverEvents.ipv6Up).isTrue();
        assertThat(b.clientEvents.ipv6Up).isTrue();
        assertThat(b.server.snapshot().authMethod()).contains(method);
        assertThat(b.client.mppeKeys().isPresent()).isEqualTo(method == AuthMethod.MSCHAP_V2);
        assertThat(b.server.mppeKeys().map(k -> k.masterKey()).orElse(new byte[0]))
                .isEqualTo(b.client.mppeKeys().map(k -> k.masterKey()).orElse(new byte[0]));

        assertThat(b.client.sendIpv4(ByteBuffer.wrap(new byte[] {0x45, 1, 2, 3}))).isTrue();
        assertThat(b.server.sendIpv6(ByteBuffer.wrap(new byte[] {0x60, 9}))).isTrue();
        b.pump();
        assertThat(b.serverEvents.received).containsExactly(ByteBuffer.wrap(new byte[] {0x45, 1, 2, 3}));
        assertThat(b.clientEvents.received).containsExactly(ByteBuffer.wrap(new byte[] {0x60, 9}));
        assertThat(b.server.snapshot().rxFrames()).isPositive();

        b.client.close("user hung up");
        b.run(Duration.ofSeconds(10));
        assertThat(b.clientEvents.down).isEqualTo("user hung up");
        assertThat(b.serverEvents.down).isNotNull();
        assertThat(b.released).containsExactly(BackToBack.ip("10.0.0.2"));
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void wrongPasswordIsRefusedAndTheLinkGoesDown(AuthMethod method) {
        BackToBack b = new BackToBack(List.of(method), List.of(method), "looking-glass", 2);
        b.start();
        b.run(Duration.ofSeconds(30));
        assertThat(b.serverEvents.authenticated).isNull();
        assertThat(b.serverEvents.down).contains("Authentication failed");
        assertThat(b.clientEvents.down).isNotNull();
        assertThat(b.server.phase()).isEqualTo(Phase.DEAD);
        assertThat(b.client.sendIpv4(ByteBuffer.wrap(new byte[] {1}))).isFalse();
    }

    @Test
    void clientNaksAMethodItDoesNotAllowAndServerFallsBack() {
        BackToBack b = new BackToBack(List.of(AuthMethod.PAP, AuthMethod.MSCHAP_V2), List.of(AuthMethod.MSCHAP_V2),
                "wonderland", 3);
        b.start();
        b.run(Duration.ofSeconds(1));
        assertThat(b.server.snapshot().authMethod()).contains(AuthMethod.MSCHAP_V2);
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
    }

    @Test
    void echoKeepaliveDetectsADeadPeer() {
        BackToBack b = new BackToBack(List.of(AuthMethod.PAP), List.of(AuthMethod.PAP), "wonderland", 4);
        b.start();
        b.run(Duration.ofSeconds(1));
        assertThat(b.server.phase()).isEqualTo(Phase.NETWORK);
        b.pass = (fromServer, frame) -> fromServer; // the client goes silent
        b.run(Duration.ofSeconds(60));
        assertThat(b.serverEvents.down).isEqualTo("peer not responding to LCP echo");
        assertThat(b.server.phase()).isEqualTo(Phase.DEAD);
    }

    @Test
    void garbageIsCountedNotThrown() {
        BackToBack b = new BackToBack(List.of(AuthMethod.PAP), List.of(AuthMethod.PAP), "wonderland", 5);
        b.start();
        b.server.receive(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x05}));
        b.server.receive(ByteBuffer.wrap(new byte[] {(byte) 0xC0, 0x21, 1, 1, 0, 99}));
        b.server.receive(ByteBuffer.wrap(new byte[0]));
        assertThat(b.counters.get("ppp.rx.malformed.bad_address_control")).isEqualTo(1);
        assertThat(b.counters.get("ppp.rx.malformed.bad_length")).isEqualTo(1);
        assertThat(b.counters.get("ppp.rx.malformed.truncated")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = AuthMethod.class, names = {"PAP", "CHAP_MD5", "MSCHAP_V2"})
    void aLostSuccessIsAnsweredAgainWhenThePeerRepeats(AuthMethod method) {
        BackToBack b = new BackToBack(List.of(method), List.of(method), "wonderland", 3);
        boolean[] dropped = {false};
        b.pass = (fromServer, frame) -> {
            if (fromServer && !dropped[0] && isSuccess(frame)) {
                dropped[0] = true; // the first Success / Authenticate-Ack never arrives
                return false;
            }
            return true;
        };
        b.start();
        b.run(Duration.ofSeconds(10));

        assertThat(dropped[0]).isTrue();
        assertThat(b.client.phase()).isEqualTo(Phase.NETWORK);
        assertThat(b.clientEvents.local).isEqualTo(BackToBack.ip("10.0.0.2"));
    }

    /** A CHAP Success (0xC223, code 3) or PAP Authenticate-Ack (0xC023, code 2), after FF 03 or not. */
    private static boolean isSuccess(ByteBuffer frame) {
        int at = frame.position() + ((frame.get(frame.position()) & 0xFF) == 0xFF ? 2 : 0);
        int protocol = frame.getChar(at);
        int code = frame.get(at + 2) & 0xFF;
        return (protocol == 0xC223 && code == 3) || (protocol == 0xC023 && code == 2);
    }
}
