package io.cohort.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableSearchTest {
    @TempDir
    Path dir;

    @Test
    void findsTheFirstExecutableOfThatNameAlongThePath() throws IOException {
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        file(first.resolve("tool"), "rw-r--r--");
        Path executable = file(second.resolve("tool"), "rwxr-xr-x");
        assertThat(ExecutableSearch.find("tool", first + ":" + second)).contains(executable);
        assertThat(ExecutableSearch.find("other", first + ":" + second)).isEmpty();
    }

    @Test
    void aNameWithASlashIsAPathNotSearched() throws IOException {
        Path executable = file(dir.resolve("tool"), "rwxr-xr-x");
        assertThat(ExecutableSearch.find(executable.toString(), "/nonexistent")).contains(executable);
        assertThat(ExecutableSearch.find(dir.resolve("missing").toString(), dir.toString())).isEmpty();
    }

    @Test
    void aMissingProgramIsAFailureNamingItAndThePath() {
        assertThatThrownBy(() -> ExecutableSearch.require("cohort-no-such-tool"))
                .isInstanceOf(TestbedException.class)
                .hasMessageStartingWith("cohort-no-such-tool is not installed: no executable cohort-no-such-tool in PATH ")
                .hasMessageContaining("bin/host-packages.sh");
    }

    @Test
    void namespaceCommandsOfAMissingProgramFailBeforeIpNetnsExecHidesWhy() {
        Netns ns = new Netns("ct0-0never", dir, process -> { });
        assertThatThrownBy(() -> ns.exec("cohort-no-such-tool", "-c", "1"))
                .isInstanceOf(TestbedException.class)
                .hasMessageStartingWith("cohort-no-such-tool is not installed");
        assertThatThrownBy(() -> ns.startProcess("cohort-no-such-tool"))
                .isInstanceOf(TestbedException.class)
                .hasMessageStartingWith("cohort-no-such-tool is not installed");
    }

    private static Path file(Path path, String permissions) throws IOException {
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        return path;
    }
}
