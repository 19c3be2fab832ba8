package io.cohort.systemtests;

import io.cohort.testbed.Netns;
import io.cohort.testbed.PeerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Stock Debian xl2tpd as a LAC in the foreground ({@code -D}), with its configuration, secrets,
 * control pipe and pid file in a private directory. {@code autodial = yes} places the call as soon
 * as the tunnel is up; there is no pppd on the host, so the call set-up is as far as it gets.
 */
final class Xl2tpdLac implements AutoCloseable {
    static final Pattern TUNNEL_UP = Pattern.compile("Connection established to ");
    static final Pattern CALL_UP = Pattern.compile("Call established with ");

    private final PeerProcess process;
    private final Path controlPipe;

    private Xl2tpdLac(PeerProcess process, Path controlPipe) {
        this.process = process;
        this.controlPipe = controlPipe;
    }

    /**
     * Starts xl2tpd in {@code ns} towards {@code lns}; {@code secret} (may be empty) goes into
     * its {@code auth file}, with {@code challenge} and {@code hidden bit} as given.
     */
    static Xl2tpdLac start(Netns ns, Path dir, String lns, String secret, boolean challenge, boolean hidden) {
        try {
            Files.createDirectories(dir);
            String yesNo = challenge ? "yes" : "no";
            Path conf = Files.writeString(dir.resolve("xl2tpd.conf"), Tools.template("xl2tpd-lac.conf",
                    "DIR", dir.toString(), "LNS", lns, "CHALLENGE", yesNo, "HIDDEN", hidden ? "yes" : "no"));
            Path secrets = Files.writeString(dir.resolve("l2tp-secrets"), Tools.template("l2tp-secrets", "SECRET",
                    secret.isEmpty() ? "unused" : secret));
            Files.writeString(dir.resolve("options.l2tpd.client"), "noauth\n");
            Path control = dir.resolve("l2tp-control");
            return new Xl2tpdLac(ns.startProcess("xl2tpd", "-D", "-c", conf.toString(), "-s", secrets.toString(),
                    "-p", dir.resolve("xl2tpd.pid").toString(), "-C", control.toString()), control);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String awaitLogLine(Pattern pattern, Duration timeout) {
        return process.awaitLogLine(pattern, timeout);
    }

    /**
     * Writes one command into xl2tpd's control pipe: {@code c NAME} places a call, {@code d NAME}
     * hangs up and closes the tunnel with a StopCCN (xl2tpd 1.3.18 sends none when it is killed).
     */
    void control(String command) {
        try {
            Files.writeString(controlPipe, command + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
