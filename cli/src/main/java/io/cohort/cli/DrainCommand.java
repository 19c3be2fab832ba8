package io.cohort.cli;

import io.cohort.server.config.ConfigException;
import io.cohort.server.config.DurationFormat;
import io.cohort.server.control.ControlClient;
import io.cohort.server.control.ControlClient.ControlClientException;
import io.cohort.server.control.DrainCommands;
import io.cohort.server.control.api.ClusterDocument;
import io.cohort.server.control.api.DrainDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code cohort drain}: drains the member whose control socket it talks to, so that it can be
 * stopped for maintenance without a session noticing: the master moves its units away live (each
 * unit's state handed over before its ownership, patent figure 7) and gives it none until
 * {@code cohort drain --cancel}. The drain is the member's own state, told to its master in every
 * keepalive (so it outlives a change of master): a member is drained through its own socket only.
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Drain the running member: the master moves all its units (and their sessions) away live and "
                + "gives it none, so that it can be stopped without its users noticing. --cancel ends the drain.",
            "The drain belongs to the member: run it on the member's host (or with --socket of its control socket)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:drained (with --wait: it owns no unit), or the drain ended", "1:the request failed, "
                + "the server is not a cluster member, or the drain ended while waiting", "2:bad usage",
            "3:no server is running", "4:MEMBER is not the member this control socket serves",
            "5:--wait: it still owned units when --timeout ran out (the drain goes on)", "78:invalid configuration"})
public final class DrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MEMBER",
            description = "The member to drain: must be the one whose control socket is used (a check, not a choice).")
    private String member;

    @Option(names = "--cancel", description = "End the drain: the master gives the member units again as it rebalances.")
    private boolean cancel;

    @Option(names = "--wait", description = "Wait until the member owns no unit; print how long that took and how many "
            + "units and sessions moved.")
    private boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long --wait waits, as 500ms, 90s, 5m or 1h (default ${DEFAULT-VALUE}).")
    private Duration timeout;

    @ArgGroup(exclusive = true)
    private ControlRequest.SocketChoice socketChoice;

    /** {@code 90s}, {@code 5m}: {@link DurationFormat}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationFormat.parse(value.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    new TypeConversionException("'" + value + "' is not a duration (a whole number and ms, s, m or h)"));
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (cancel && await) {
            throw new ParameterException(spec.commandLine(), "--wait waits for a drain to finish: not with --cancel");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path socket;
        try {
            socket = ControlRequest.socket(socketChoice);
        } catch (ConfigException e) {
            RunCommand.printConfigErrors(err, e);
            return ExitCodes.CONFIG;
        }
        try {
            return drain(socket, out, err);
        } catch (ControlClientException e) {
            err.println("cohort: " + e.getMessage());
            err.flush();
            return e.getMessage().startsWith("no server running") ? ExitCodes.NOT_RUNNING : ExitCodes.FAILURE;
        }
    }

    private int drain(Path socket, PrintWriter out, PrintWriter err) throws ControlClientException, InterruptedException {
        ClusterDocument view = ControlClient.cluster(socket, ControlRequest.TIMEOUT);
        if (!view.clustered()) {
            err.println("cohort: the server at " + socket + " is not a cluster member ([cluster] enabled = false): "
                    + "there is no member to move its sessions to");
            return ExitCodes.FAILURE;
        }
        if (member != null && !member.equals(view.self())) {
            err.println("cohort: " + socket + " is the control socket of member " + view.self() + ", not of " + member
                    + ": a member is drained through its own control socket (the drain is its own state, told to the "
                    + "master in its keepalives); run cohort drain on " + member + "'s host, or with --socket of "
                    + member + "'s control socket");
            return ExitCodes.NOT_THIS_MEMBER;
        }
        if (await && view.members().size() < 2) {
            err.println("cohort: " + view.self() + " is the only member of its cluster: its units have nowhere to go");
            return ExitCodes.FAILURE;
        }
        long sessionsBefore = await ? ControlClient.status(socket, ControlRequest.TIMEOUT).sessions().size() : 0;
        DrainDocument done = ControlClient.drain(socket, !cancel, ControlRequest.TIMEOUT);
        out.print(DrainCommands.text(done));
        out.flush();
        if (!await) {
            return ExitCodes.OK;
        }
        DrainWait.Outcome outcome = DrainWait.system().await(() -> ControlClient.cluster(socket, ControlRequest.TIMEOUT),
                timeout);
        return switch (outcome.end()) {
            case DRAINED -> {
                long sessionsAfter = ControlClient.status(socket, ControlRequest.TIMEOUT).sessions().size();
                out.println(drainedText(done, outcome.took(), sessionsBefore - sessionsAfter));
                out.flush();
                yield ExitCodes.OK;
            }
            case CANCELLED -> {
                err.println("cohort: the drain of " + done.member() + " ended (cohort drain --cancel) while it still held "
                        + outcome.unitsHeld() + " units");
                yield ExitCodes.FAILURE;
            }
            case TIMED_OUT -> {
                err.println("cohort: " + done.member() + " still holds " + outcome.unitsHeld() + " units after "
                        + DurationFormat.format(timeout) + "; the drain goes on (cohort drain --wait waits again, "
                        + "cohort drain --cancel ends it; cohort cluster on the master shows where its units are)");
                yield ExitCodes.STILL_DRAINING;
            }
        };
    }

    /** {@code drained m2 in 3.4 s: 341 units and 8 sessions moved to the other members; ...}. */
    static String drainedText(DrainDocument drain, Duration took, long sessionsMoved) {
        return String.format(Locale.ROOT, "drained %s in %.1f s: %d units and %d sessions moved to the other members;"
                + " it can be stopped now", drain.member(), took.toMillis() / 1000.0, drain.units(), sessionsMoved);
    }
}
