package io.cohort.lab.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.config.CohortConfig;
import io.cohort.server.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void theConfigurationNamesTheDirectorysUsersFileAndControlSocket() throws Exception {
        ServerDirectory server = new ServerDirectory(dir.resolve("srv")).write("""
                [tun]
                name = bench0
                """, "bench:clear:secret\n");

        CohortConfig c = ConfigLoader.load(Optional.of(server.config()));

        assertThat(c.tun().name()).isEqualTo("bench0");
        assertThat(c.users().file()).contains(server.usersFile());
        assertThat(c.control().socket()).isEqualTo(server.controlSocket());
        assertThat(Files.readString(server.usersFile())).isEqualTo("bench:clear:secret\n");
    }

    @Test
    void theUsersFileIsTheOwnersOnlyAndWrittenAgainOnASecondWrite() throws Exception {
        ServerDirectory server = new ServerDirectory(dir);
        server.write("", "old:clear:one\n");

        server.write("", "new:clear:two\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.usersFile()))).isEqualTo("rw-------");
        assertThat(Files.readString(server.usersFile())).isEqualTo("new:clear:two\n");
    }
}
