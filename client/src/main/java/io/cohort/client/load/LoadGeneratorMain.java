package io.cohort.client.load;

import io.cohort.client.ClientOptions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cohort-load}: the command line of {@link LoadGenerator}. Prints one summary line. */
@Command(name = "cohort-load", mixinStandardHelpOptions = true,
        description = "Sets up many L2TP/PPP (or PPTP/PPP with MPPE) sessions against a server, then pushes ICMP "
                + "echo traffic through them. PPTP needs root or CAP_NET_RAW (raw GRE sockets).")
public final class LoadGeneratorMain implements Callable<Integer> {

    @Option(names = "--server", required = true, converter = ServerAddress.class,
            description = "server address, host:port (port defaults to 1701 for L2TP, 1723 for PPTP)")
    InetSocketAddress server;

    @Option(names = "--protocol", defaultValue = "l2tp", converter = ProtocolName.class,
            description = "l2tp or pptp (default ${DEFAULT-VALUE})")
    LoadProtocol protocol;

    @Option(names = "--user", required = true, description = "PPP user name")
    String user;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    PasswordSource password;

    static final class PasswordSource {
        @Option(names = "--password", description = "PPP password (visible in the process list: prefer --password-file)")
        String value;

        @Option(names = "--password-file", description = "file whose first line is the PPP password")
        Path file;

        String read() throws java.io.IOException {
            return value != null ? value : Files.readAllLines(file, StandardCharsets.UTF_8).getFirst();
        }
    }

    @Option(names = "--sessions", defaultValue = "100", description = "sessions to set up at once (default ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--per-tunnel", defaultValue = "10",
            description = "sessions per L2TP tunnel or PPTP control connection (default ${DEFAULT-VALUE})")
    int perTunnel;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationText.class,
            description = "data phase, e.g. 10s, 500ms, PT1M; 0s for set-up only (default ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--packet-size", defaultValue = "1000", description = "IPv4 packet size in octets (default ${DEFAULT-VALUE})")
    int packetSize;

    @Option(names = "--rate", defaultValue = "0", description = "echo requests per second, 0 = as fast as possible")
    int rate;

    @Option(names = "--setup-timeout", defaultValue = "60s", converter = DurationText.class,
            description = "time allowed for all set-ups (default ${DEFAULT-VALUE})")
    Duration setupTimeout;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress address = server.getPort() == 0
                ? new InetSocketAddress(server.getHostString(), protocol.defaultPort()) : server;
        ClientOptions options = ClientOptions.of(address, user, password.read()).withSetupTimeout(setupTimeout);
        LoadReport report = LoadGenerator.run(options,
                new LoadSettings(sessions, perTunnel, duration, packetSize, rate, protocol));
        System.out.println(report.summary());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGeneratorMain()).execute(args));
    }

    /** host:port, or host alone for port 0 (the protocol's default port, filled in later). */
    static final class ServerAddress implements CommandLine.ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                return new InetSocketAddress(text, 0);
            }
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
    }

    /** "l2tp" or "pptp", any case. */
    static final class ProtocolName implements CommandLine.ITypeConverter<LoadProtocol> {
        @Override
        public LoadProtocol convert(String text) {
            return LoadProtocol.valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** "10s", "250ms", "2m" or ISO-8601 ("PT10S"). */
    static final class DurationText implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("pt")) {
                return Duration.parse(text);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> throw new CommandLine.TypeConversionException("not a duration: " + text);
            };
        }
    }
}
