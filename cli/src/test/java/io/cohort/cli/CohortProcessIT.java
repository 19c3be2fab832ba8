package io.cohort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.server.control.ControlClient;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cohort run} as a real process, with {@link IdleRuntimeFactory} as its protocol runtime:
 * SIGTERM shuts it down through the shutdown hook, which stops the runtime and removes the
 * control socket.
 */
class CohortProcessIT {
    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void sigtermStopsTheServerAndRemovesTheControlSocket() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        Path socket = run.resolve("control.sock");
        Path config = dir.resolve("cohort.ini");
        Path log = dir.resolve("cohort.log");
        Files.writeString(config, "[control]\nsocket = " + socket + "\n[log]\nlevel = info\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            run.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            process = new ProcessBuilder(java, "-D" + CliEnvironment.RUNTIME_PROPERTY + "=" + IdleRuntimeFactory.class.getName(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "run", "--config", config.toString(), "--demo", "--single")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitCreation(watcher, socket);
        }
        assertThat(ControlClient.request(socket, "status", Duration.ofSeconds(10))).contains("Tunnels: 0");

        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(log);
        assertThat(process.exitValue()).as("killed by SIGTERM; output: %s", lines).isEqualTo(143);
        assertThat(lines).anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z INFO  IdleRuntimeFactory: idle runtime started, additional users true"))
                .anyMatch(l -> l.endsWith("INFO  IdleRuntimeFactory: idle runtime stopped"))
                .anyMatch(l -> l.endsWith("INFO  CohortServer: cohort stopped"));
        assertThat(Files.exists(socket)).isFalse();
    }

    /** Blocks until {@code file} is created in the watched directory (the socket is renamed into place). */
    private static void awaitCreation(WatchService watcher, Path file) throws Exception {
        while (!Files.exists(file)) {
            WatchKey key = watcher.poll(30, TimeUnit.SECONDS);
            assertThat(key).as("%s was not created within 30 s", file).isNotNull();
            key.pollEvents();
            key.reset();
        }
    }
}
