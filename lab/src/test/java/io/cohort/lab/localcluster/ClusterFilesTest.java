package io.cohort.lab.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFilesTest {
    @TempDir
    Path parent;

    @Test
    void theUsersFileIsTheOwnersOnly_theCaIsReady() throws Exception {
        ClusterUser user = ClusterUser.random();

        ClusterFiles files = ClusterFiles.create(parent, user);

        assertThat(files.directory()).startsWith(parent);
        assertThat(Files.readString(files.usersFile())).isEqualTo(user.usersFileLine());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.usersFile()))).isEqualTo("rw-------");
        assertThat(files.pkiDir().resolve("ca.crt")).isRegularFile();
        assertThat(files.home("m1")).isEqualTo(files.directory().resolve("m1"));
    }

    @Test
    void aMemberStartedAgainKeepsItsCertificate() throws Exception {
        ClusterFiles files = ClusterFiles.create(parent, ClusterUser.random());
        files.certify("m1", "10.77.0.11");
        Path certificate = files.pkiDir().resolve("members").resolve("m1.crt");
        byte[] first = Files.readAllBytes(certificate);

        files.certify("m1", "10.77.0.11");

        assertThat(Files.readAllBytes(certificate)).isEqualTo(first);
    }

    @Test
    void deleteRemovesEverything() {
        ClusterFiles files = ClusterFiles.create(parent, ClusterUser.random());
        files.certify("m1", "10.77.0.11");

        files.delete();

        assertThat(files.directory()).doesNotExist();
    }
}
