package io.cohort.server.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // servers held open by try-with-resources without being referenced
class ControlServerTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final ControlCommands ECHO = line -> "you said " + line + "\n";

    @TempDir
    Path dir;
    private final Counters counters = new Counters();

    private Path socket() {
        return dir.resolve("run").resolve("control.sock");
    }

    @Test
    void answersOneCommandPerConnection() throws Exception {
        try (ControlServer server = ControlServer.start(socket(), ECHO, counters)) {
            assertThat(ControlClient.request(socket(), "status", CLIENT_TIMEOUT)).isEqualTo("you said status\n");
            assertThat(ControlClient.request(socket(), "status --json", CLIENT_TIMEOUT))
                    .isEqualTo("you said status --json\n");
            assertThat(server.path()).isEqualTo(socket());
        }
        assertThat(counters.get("control.requests")).isEqualTo(2);
    }

    @Test
    void socketIsOwnerOnlyAndItsDirectoryIsCreated() throws Exception {
        try (ControlServer ignored = ControlServer.start(socket(), ECHO, counters)) {
            assertThat(Files.getPosixFilePermissions(socket())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(SocketFile.isSocket(socket())).isTrue();
            try (var files = Files.list(socket().getParent())) {
                assertThat(files).as("no temporary name left behind").containsExactly(socket());
            }
        }
    }

    @Test
    void pathAtTheLengthLimitWorks() throws Exception {
        String prefix = dir.toString() + "/";
        Path longest = Path.of(prefix + "s".repeat(SocketFile.MAX_PATH_BYTES - prefix.length()));
        try (ControlServer ignored = ControlServer.start(longest, ECHO, counters)) {
            assertThat(Files.getPosixFilePermissions(longest)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(ControlClient.request(longest, "status", CLIENT_TIMEOUT)).isEqualTo("you said status\n");
        }
        assertThat(Files.exists(longest)).isFalse();
        Path tooLong = Path.of(longest + "s");
        assertThatThrownBy(() -> ControlServer.start(tooLong, ECHO, counters))
                .hasMessage(tooLong + " is longer than 106 bytes, the limit for a Unix socket path");
    }

    @Test
    void closeRemovesTheSocketFileAndIsIdempotent() throws Exception {
        ControlServer server = ControlServer.start(socket(), ECHO, counters);
        server.close();
        server.close();

        assertThat(Files.exists(socket())).isFalse();
        assertThatThrownBy(() -> ControlClient.request(socket(), "status", CLIENT_TIMEOUT))
                .hasMessageStartingWith("no server running: cannot connect to " + socket());
    }

    @Test
    void refusesToStartWhileAnotherServerAnswers() throws Exception {
        try (ControlServer first = ControlServer.start(socket(), ECHO, counters)) {
            assertThatThrownBy(() -> ControlServer.start(socket(), ECHO, counters))
                    .isInstanceOf(ControlSocketInUseException.class)
                    .hasMessage("another server is already running: " + socket() + " answers");

            assertThat(ControlClient.request(socket(), "status", CLIENT_TIMEOUT)).isEqualTo("you said status\n");
        }
    }

    @Test
    void replacesAStaleSocketLeftByADeadServer() throws Exception {
        Files.createDirectories(socket().getParent());
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket()));
        dead.close();
        assertThat(Files.exists(socket())).as("the JDK leaves the file behind").isTrue();

        try (ControlServer ignored = ControlServer.start(socket(), ECHO, counters)) {
            assertThat(ControlClient.request(socket(), "status", CLIENT_TIMEOUT)).isEqualTo("you said status\n");
        }
    }

    @Test
    void neverReplacesSomethingThatIsNotASocket() throws Exception {
        Files.createDirectories(socket().getParent());
        Files.writeString(socket(), "precious");

        assertThatThrownBy(() -> ControlServer.start(socket(), ECHO, counters))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exists and is not a socket");
        assertThat(Files.readString(socket())).isEqualTo("precious");
    }

    @Test
    void doesNotRemoveASocketFileThatIsNoLongerItsOwn() throws Exception {
        ControlServer first = ControlServer.start(socket(), ECHO, counters);
        Files.delete(socket());
        try (ControlServer second = ControlServer.start(socket(), line -> "second\n", counters)) {
            first.close();

            assertThat(ControlClient.request(socket(), "status", CLIENT_TIMEOUT)).isEqualTo("second\n");
        }
    }

    @Test
    void aFailingCommandIsReportedToTheClient() throws Exception {
        ControlCommands broken = line -> {
            throw new IllegalStateException("bug");
        };
        try (ControlServer ignored = ControlServer.start(socket(), broken, counters)) {
            assertThat(ControlClient.request(socket(), "status", CLIENT_TIMEOUT))
                    .isEqualTo("error: internal error (IllegalStateException), see the server log\n");
        }
        assertThat(counters.get("control.errors")).isEqualTo(1);
    }

    @Test
    void refusesARequestLineThatIsTooLong() throws Exception {
        try (ControlServer ignored = ControlServer.start(socket(), ECHO, counters);
             SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
            raw.write(ByteBuffer.wrap("x".repeat(ControlProtocol.MAX_REQUEST_BYTES + 10).getBytes(StandardCharsets.US_ASCII)));

            assertThat(readAll(raw)).isEqualTo("error: request longer than 1024 bytes\n");
        }
        assertThat(counters.get("control.rejected.too-long")).isEqualTo(1);
    }

    @Test
    void aSilentClientIsDroppedAfterTheTimeoutAndDoesNotBlockOthers() throws Exception {
        try (ControlServer ignored = ControlServer.start(socket(), ECHO, counters, Duration.ofMillis(300));
             SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
            assertThat(ControlClient.request(socket(), "status", CLIENT_TIMEOUT)).isEqualTo("you said status\n");

            assertThat(readAll(silent)).as("closed without an answer").isEmpty();
        }
    }

    @Test
    void tooManyClientsAtOnceAreToldTheServerIsBusy() throws Exception {
        List<SocketChannel> silent = new ArrayList<>();
        try (ControlServer ignored = ControlServer.start(socket(), ECHO, counters, Duration.ofSeconds(30))) {
            for (int i = 0; i < ControlProtocol.MAX_CONCURRENT_CLIENTS; i++) {
                silent.add(SocketChannel.open(UnixDomainSocketAddress.of(socket())));
            }

            assertThat(ControlClient.request(socket(), "status", CLIENT_TIMEOUT))
                    .isEqualTo("error: server busy, try again\n");
            try (SocketChannel extra = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
                assertThat(readAll(extra)).isEqualTo("error: server busy, try again\n");
            }
        } finally {
            for (SocketChannel c : silent) {
                c.close();
            }
        }
    }

    private static String readAll(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        StringBuilder out = new StringBuilder();
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            out.append(StandardCharsets.UTF_8.decode(buffer));
            buffer.clear();
        }
        return out.toString();
    }
}
