package io.cohort.benchmarks.live;

import io.cohort.testbed.Netns;
import io.cohort.testbed.PeerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The baseline of the data phase as its own JVM in the srv namespace ({@link BaselineForwarderMain}:
 * UDP into a TUN device, nothing else), beside the server. {@link #close()} kills it.
 */
final class BaselineProcess implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(60);

    private final PeerProcess process;

    private BaselineProcess(PeerProcess process) {
        this.process = process;
    }

    /**
     * Starts the forwarder from {@code benchmarksJar} with {@code jvmOptions} on the JDK this
     * benchmark runs on, from UDP {@code port} into a new TUN {@code tun}, and sets the device up
     * once it is ready.
     */
    static BaselineProcess start(Netns ns, Path dir, Path benchmarksJar, List<String> jvmOptions, String tun, int port) {
        List<String> argv = new ArrayList<>(List.of(OperatorCommands.JAVA.toString(), "--enable-native-access=ALL-UNNAMED"));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", benchmarksJar.toString(), BaselineForwarderMain.class.getName(), tun,
                Integer.toString(port)));
        PeerProcess p = ns.startProcess(dir.resolve("baseline.log"), argv.toArray(String[]::new));
        p.awaitLogLine(Pattern.compile(Pattern.quote(BaselineForwarderMain.READY)), READY);
        ns.linkUp(tun);
        return new BaselineProcess(p);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
