package io.cohort.server.control;

import io.cohort.server.cluster.ClusterViewRendering;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.ControlJson;
import io.cohort.server.control.api.StatusDocument;
import io.cohort.server.status.StatusSnapshot;
import io.cohort.server.status.StatusText;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The control socket's commands: {@code status} and {@code status --json}; {@code cluster} and
 * {@code cluster --json} (the member's view of its cluster, {@code cohort cluster}); {@code drain}
 * and {@code drain --cancel} ({@link DrainCommands}). The JSON answers are the documents of
 * {@link io.cohort.server.control.api}.
 */
public final class StatusCommands implements ControlCommands {
    private final Supplier<StatusSnapshot> status;
    private final Supplier<ClusterDocument> cluster;
    private final ControlCommands drain;

    /** A server whose drain cannot be switched (every {@code drain} is refused as by a server alone). */
    public StatusCommands(Supplier<StatusSnapshot> status, Supplier<ClusterDocument> cluster) {
        this(status, cluster, new DrainCommands(Optional::empty, cluster));
    }

    public StatusCommands(Supplier<StatusSnapshot> status, Supplier<ClusterDocument> cluster, ControlCommands drain) {
        this.status = Objects.requireNonNull(status);
        this.cluster = Objects.requireNonNull(cluster);
        this.drain = Objects.requireNonNull(drain);
    }

    @Override
    public String answer(String line) {
        if (DrainCommands.handles(line)) {
            return drain.answer(line);
        }
        return switch (line.strip()) {
            case "status" -> StatusText.render(status.get()) + drainNote(cluster.get());
            case "status --json" -> ControlJson.write(StatusDocument.of(status.get()));
            case "cluster" -> ClusterViewRendering.text(cluster.get());
            case "cluster --json" -> ControlJson.write(cluster.get());
            default -> ControlProtocol.ERROR_PREFIX + "unknown command '" + printable(line)
                    + "'; commands: status, status --json, cluster, cluster --json, drain,"
                    + " drain --cancel\n";
        };
    }

    /** A line telling the operator this member is being drained, or nothing. */
    static String drainNote(ClusterDocument v) {
        return v.clustered() && v.draining(v.self()) ? "\nthis member (" + v.self() + ") is being drained: the master"
                + " moves its units away and gives it none (cohort drain --cancel ends it)\n" : "";
    }

    /** The request echoed back, shortened and without control characters. */
    private static String printable(String line) {
        String s = line.length() > 64 ? line.substring(0, 64) + "..." : line;
        return s.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
