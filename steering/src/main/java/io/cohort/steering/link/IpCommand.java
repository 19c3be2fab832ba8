package io.cohort.steering.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs iproute2's {@code ip} (a package dependency) and returns its output. The child process is
 * forked by the calling thread, so it acts in that thread's network namespace.
 */
final class IpCommand {
    private static final long TIMEOUT_SECONDS = 10;

    private IpCommand() {}

    /** Runs {@code ip args...}; a non-zero exit or a hang is an exception carrying its output. */
    static String run(String... args) throws IOException {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add("ip");
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try (InputStream out = process.getInputStream()) {
            // ip's output is small; reading before waiting cannot dead-lock on a full pipe
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " exited with " + process.exitValue() + ": " + output.strip());
            }
            return output;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", argv), e);
        }
    }
}
