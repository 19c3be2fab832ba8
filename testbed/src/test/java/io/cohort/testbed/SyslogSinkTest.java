package io.cohort.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyslogSinkTest {
    @TempDir
    Path dir;

    @Test
    void findsAMessageThatArrivedBeforeTheWait() throws IOException {
        try (SyslogSink sink = SyslogSink.bind(dir.resolve("log.sock"));
             SocketChannel peer = connect(sink)) {
            send(peer, "<30>pptp[7]: anon log[main:pptp.c:333]: The synchronous pptp option is NOT activated\0");
            send(peer, "<30>pptp[7]: anon log[ctrlp_rep:pptp_ctrl.c:254]: Sent control packet type is 1 "
                    + "'Start-Control-Connection-Request'\0");
            assertThat(sink.await(Pattern.compile("Start-Control-Connection-\\w+"), Duration.ofSeconds(10)))
                    .endsWith("type is 1 'Start-Control-Connection-Request'");
            assertThat(sink.messages()).hasSize(2);
        }
    }

    @Test
    void wakesWhenTheMessageArrivesDuringTheWait() throws IOException {
        try (SyslogSink sink = SyslogSink.bind(dir.resolve("log.sock"));
             SocketChannel peer = connect(sink)) {
            Thread waiting = Thread.currentThread();
            Thread.ofPlatform().daemon().start(() -> {
                await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
                send(peer, "<30>pptp[7]: anon log[callmgr_main:pptp_callmgr.c:258]: Client connection established.\0");
            });
            assertThat(sink.await(Pattern.compile("connection established"), Duration.ofSeconds(10)))
                    .contains("Client connection established.");
        }
    }

    @Test
    void aMessageEndedByTheClosingPeerCounts() throws IOException {
        try (SyslogSink sink = SyslogSink.bind(dir.resolve("log.sock"))) {
            try (SocketChannel peer = connect(sink)) {
                send(peer, "<27>pptp[7]: anon fatal[open_inetsock:pptp.c:980]: connect: Connection refused");
            }
            assertThat(sink.await(Pattern.compile("fatal\\[open_inetsock"), Duration.ofSeconds(10)))
                    .endsWith("Connection refused");
        }
    }

    @Test
    void timesOutWithEveryMessageInTheFailure() throws IOException {
        try (SyslogSink sink = SyslogSink.bind(dir.resolve("log.sock"));
             SocketChannel peer = connect(sink)) {
            send(peer, "<30>pptp[7]: anon log: first\0<30>pptp[7]: anon log: second\0");
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.messages().size() == 2);
            assertThatThrownBy(() -> sink.await(Pattern.compile("Echo-Reply"), Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("within PT0.2S")
                    .hasMessageContaining("anon log: first\n<30>pptp[7]: anon log: second");
        }
    }

    private static SocketChannel connect(SyslogSink sink) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(sink.path()));
    }

    /** Writes as syslog(3) does on a stream socket, where each message ends with a NUL. */
    private static void send(SocketChannel peer, String messages) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(messages.getBytes(StandardCharsets.ISO_8859_1));
            while (bytes.hasRemaining()) {
                peer.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
