package io.cohort.server.l2tp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.auth.NtHash;
import io.cohort.ppp.auth.UserDirectory;
import io.cohort.server.config.UsersSection;
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
}
