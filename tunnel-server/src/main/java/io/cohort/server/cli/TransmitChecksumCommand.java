package io.cohort.server.cli;

import io.cohort.dataplane.ethtool.TransmitChecksum;
import io.cohort.dataplane.libc.SystemCallException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cohort tx-checksum-off DEVICE} (hidden): turns transmit checksum offload off on an
 * interface of the namespace it runs in. The local cluster runs it in its client namespace, whose
 * veth would otherwise send TCP and UDP with partial checksums that a forwarding master cannot
 * pass on ({@link TransmitChecksum}); no ethtool needed.
 */
@Command(name = "tx-checksum-off", hidden = true, mixinStandardHelpOptions = true,
        description = "Turn transmit checksum offload off on DEVICE (as ethtool -K DEVICE tx off).")
public final class TransmitChecksumCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DEVICE", description = "The interface.")
    private String device;

    @Override
    public Integer call() {
        try {
            TransmitChecksum.disable(device);
            return ExitCodes.OK;
        } catch (SystemCallException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("cohort: cannot turn transmit checksum offload off on " + device + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
    }
}
