package io.cohort.benchmarks.live;

import io.cohort.client.ClientOptions;
import io.cohort.client.ClientSession;
import io.cohort.client.L2tpClient;
import io.cohort.client.load.LoadProtocol;
import io.cohort.client.load.PptpClientGroup;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A batch of sessions set up at once by a fresh client in the {@code cli} namespace, closed
 * together: for L2TP one {@link L2tpClient} (one UDP socket, sessions over {@code tunnels}
 * tunnels), for PPTP a {@link PptpClientGroup} ({@code tunnels} control connections, each with
 * its own TCP connection, raw GRE socket and engine thread).
 */
final class SessionBatch implements AutoCloseable {
    final List<ClientSession> sessions;
    /** The L2TP client, or null. */
    final L2tpClient l2tp;
    /** The PPTP clients, or null. */
    final PptpClientGroup pptp;

    private SessionBatch(List<ClientSession> sessions, L2tpClient l2tp, PptpClientGroup pptp) {
        this.sessions = sessions;
        this.l2tp = l2tp;
        this.pptp = pptp;
    }

    /** A batch that did not come up; the clients' raw-socket drops were read before they closed. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        final long cliRawDrops;

        Failed(Exception cause, long cliRawDrops) {
            super(cause.toString(), cause);
            this.cliRawDrops = cliRawDrops;
        }
    }

    /** Opens the client(s) inside {@code net.cli} and sets up {@code sessions} over {@code tunnels}. */
    static SessionBatch connect(LiveNetwork net, LoadProtocol protocol, ClientOptions options, int sessions,
            int tunnels) throws Exception {
        if (protocol == LoadProtocol.PPTP) {
            PptpClientGroup group = net.cli.runInside(() -> PptpClientGroup.open(options, tunnels));
            try {
                return new SessionBatch(group.connect(sessions, net.cli.threadFactory("pptp-connect")), null, group);
            } catch (IOException | TimeoutException e) {
                long drops = LiveNetwork.rawSocketDrops(net.cli);
                System.err.println("PPTP clients' counters when the batch failed: " + group.counters());
                group.close();
                throw new Failed(e, drops);
            } catch (Exception e) {
                group.close();
                throw e;
            }
        }
        L2tpClient client = net.cli.runInside(() -> L2tpClient.open(options));
        try {
            return new SessionBatch(client.connect(sessions, (sessions + tunnels - 1) / tunnels), client, null);
        } catch (IOException | TimeoutException e) {
            client.close();
            throw new Failed(e, 0);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (l2tp != null) {
            l2tp.close();
        }
        if (pptp != null) {
            pptp.close();
        }
    }
}
