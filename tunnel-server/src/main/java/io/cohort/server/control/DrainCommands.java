package io.cohort.server.control;

import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.ControlJson;
import io.cohort.server.control.api.DrainDocument;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The control socket's {@code drain} commands ({@code cohort drain}): {@code drain} drains this
 * member, {@code drain --cancel} ends its drain, each with {@code --json} for a
 * {@link DrainDocument}. While a member drains, the master moves its units away live (the state
 * handed over before the ownership, patent figure 7) and gives it none; it can then be stopped
 * without a session noticing. The drain is the member's own state, reported in its keepalive, so
 * only the member itself can be asked to drain.
 */
public final class DrainCommands implements ControlCommands {
    /** A clustered member's drain switch. */
    @FunctionalInterface
    public interface MemberDrain {
        /** Drains the member ({@code on}) or ends its drain; whether that changed anything. */
        boolean drain(boolean on);
    }

    static final String NOT_CLUSTERED = ControlProtocol.ERROR_PREFIX
            + "this server is not a cluster member ([cluster] enabled = false): there is nothing to drain its units to\n";

    private final Supplier<Optional<MemberDrain>> member;
    private final Supplier<ClusterDocument> cluster;

    /**
     * @param member the member's drain switch, empty while the server is not a cluster member
     * @param cluster the member's view of its cluster, read after the switch
     */
    public DrainCommands(Supplier<Optional<MemberDrain>> member, Supplier<ClusterDocument> cluster) {
        this.member = Objects.requireNonNull(member);
        this.cluster = Objects.requireNonNull(cluster);
    }

    /** Whether {@code line} is one of these commands (its first word is {@code drain}). */
    static boolean handles(String line) {
        String s = line.strip();
        return s.equals("drain") || s.startsWith("drain ");
    }

    @Override
    public String answer(String line) {
        boolean on;
        boolean json;
        switch (line.strip()) {
            case "drain" -> { on = true; json = false; }
            case "drain --json" -> { on = true; json = true; }
            case "drain --cancel" -> { on = false; json = false; }
            case "drain --cancel --json", "drain --json --cancel" -> { on = false; json = true; }
            default -> {
                return ControlProtocol.ERROR_PREFIX + "drain takes --cancel and --json only\n";
            }
        }
        Optional<MemberDrain> drain = member.get();
        if (drain.isEmpty()) {
            return NOT_CLUSTERED;
        }
        boolean changed = drain.get().drain(on);
        ClusterDocument view = cluster.get();
        DrainDocument done = new DrainDocument(view.self(), view.draining(view.self()), changed,
                view.member(view.self()).map(ClusterDocument.Member::units).orElse(0));
        return json ? ControlJson.write(done) : text(done);
    }

    /** What the operator reads: what happened and what to do next. */
    public static String text(DrainDocument d) {
        if (d.draining()) {
            return (d.changed() ? "draining " + d.member() : d.member() + " was already being drained") + ": it owns "
                    + d.units() + " units; the master moves them away live and gives it none\n"
                    + "cohort drain --wait waits until it owns none; cohort drain --cancel ends the drain\n";
        }
        return d.changed() ? "drain of " + d.member() + " ended: the master gives it units again as it rebalances\n"
                : d.member() + " was not being drained: nothing to end\n";
    }
}
