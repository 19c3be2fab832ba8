package io.cohort.server.control;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlClientTest {
    @TempDir
    Path dir;

    @Test
    void noSocketFileMeansNoServer() {
        Path socket = dir.resolve("control.sock");

        assertThatThrownBy(() -> ControlClient.request(socket, "status", Duration.ofSeconds(1)))
                .isInstanceOf(ControlClient.ControlClientException.class)
                .hasMessage("no server running: cannot connect to " + socket + " (no such file)");
    }

    @Test
    void staleSocketFileMeansNoServer() throws Exception {
        Path socket = dir.resolve("control.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();

        assertThatThrownBy(() -> ControlClient.request(socket, "status", Duration.ofSeconds(1)))
                .hasMessageStartingWith("no server running: cannot connect to " + socket + " (");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        Path socket = dir.resolve("control.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(socket));

            assertThatThrownBy(() -> ControlClient.request(socket, "status", Duration.ofMillis(200)))
                    .hasMessage("the server at " + socket + " did not answer within 200 ms");
        }
    }

    @Test
    void aCommandIsOneLine() {
        assertThatThrownBy(() -> ControlClient.request(dir.resolve("x"), "status\nstatus", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
