package io.cohort.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.ppp.auth.AuthDecision;
import io.cohort.ppp.auth.AuthRequest;
import io.cohort.ppp.auth.DirectoryAuthenticator;
import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.auth.NtHash;
import io.cohort.ppp.auth.UserDirectory;
import io.cohort.ppp.crypto.MsChapV2;
import io.cohort.server.config.UsersSection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerUsersTest {
    @TempDir
    Path dir;

    @Test
    void goodFileServesItsUsers() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "# users\nalice:nt:" + NtHash.of("wonderland") + "\nbob:clear:builder\n");

        UserDirectory users = ServerUsers.load(new UsersSection(Optional.of(file)), Optional.empty());

        assertThat(users.find("alice")).isPresent();
        assertThat(users.find("bob")).isPresent();
        assertThat(users.find("carol")).isEmpty();
    }

    @Test
    void badLinesRefuseTheFileWithLineNumbersAndNoSecrets() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "alice:nt:nothex-topsecret\nbob:clear:fine\nbob:clear:again-secret\nnocolon\n");

        assertThatThrownBy(() -> ServerUsers.load(new UsersSection(Optional.of(file)), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 bad lines")
                .hasMessageContaining("line 1:")
                .hasMessageContaining("line 3:")
                .hasMessageContaining("line 4:")
                .hasMessageNotContaining("topsecret")
                .hasMessageNotContaining("again-secret");
    }

    @Test
    void demoUserIsServedAlongsideTheFile() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "bob:clear:builder\n");

        UserDirectory users = ServerUsers.load(new UsersSection(Optional.of(file)),
                Optional.of(new InMemoryUserDirectory().put("demo", "pw")));

        assertThat(users.find("demo")).isPresent();
        assertThat(users.find("bob")).isPresent();
    }

    @Test
    void noFileAndNoDemoKnowsNobody() throws Exception {
        assertThat(ServerUsers.load(new UsersSection(Optional.empty()), Optional.empty()).find("x")).isEmpty();
    }

    @Test
    void hashedEntriesServeTheirMethodsWithoutClearText() throws Exception {
        Path file = dir.resolve("users");
        // dave: the Openwall crypt_blowfish vector for "U*U", tagged $2y$ as htpasswd -B writes it.
        Files.writeString(file, "alice:nt:" + NtHash.of("wonderland") + "\n"
                + "dave:bcrypt:$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW\n");
        UserDirectory users = ServerUsers.load(new UsersSection(Optional.of(file)), Optional.empty());
        DirectoryAuthenticator auth = new DirectoryAuthenticator(users, Runnable::run);

        byte[] authChallenge = new byte[16];
        byte[] peerChallenge = new byte[16];
        peerChallenge[0] = 1;
        byte[] nt = MsChapV2.generateNtResponse(authChallenge, peerChallenge, "alice",
                MsChapV2.ntPasswordHash("wonderland"));
        assertThat(auth.decide(new AuthRequest.MsChapV2("alice", authChallenge, peerChallenge, nt)))
                .isInstanceOf(AuthDecision.Accept.class);
        assertThat(auth.authenticate(new AuthRequest.Pap("dave", "U*U".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join()).isInstanceOf(AuthDecision.Accept.class);
        assertThat(auth.decide(new AuthRequest.Pap("dave", "wrong".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(AuthDecision.Reject.class);
        assertThat(users.find("alice").orElseThrow().clearPassword()).isEmpty();
        assertThat(users.find("dave").orElseThrow().clearPassword()).isEmpty();
    }

    @Test
    void aBadBcryptLineRefusesTheFileWithoutTheHash() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "dave:bcrypt:$2y$99$topsecretTOPSECRETtopsecretTOPSECRETtopsecretTOPSECRETab\n");
        assertThatThrownBy(() -> ServerUsers.load(new UsersSection(Optional.of(file)), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1:")
                .hasMessageContaining("bcrypt")
                .hasMessageNotContaining("topsecret");
    }
}
